package io.github.grpcops.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Switches every built-in interceptor shares: bound under {@code grpc.<interceptor>.*}.
 */
public class InterceptorProperties {

    /** Whether this interceptor is registered at all. */
    private boolean enabled = true;

    /** Position in the pipeline; lower runs earlier on the way in (see PipelineOrder). */
    private int order;

    /** Method patterns (package.Service/Method, package.Service/*) this interceptor applies to; empty for all. */
    private List<String> includeMethods = new ArrayList<>();

    /** Method patterns this interceptor skips; wins over include-methods. */
    private List<String> excludeMethods = new ArrayList<>();

    protected InterceptorProperties(int defaultOrder) {
        this.order = defaultOrder;
    }

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getOrder() {
        return this.order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    public List<String> getIncludeMethods() {
        return this.includeMethods;
    }

    public void setIncludeMethods(List<String> includeMethods) {
        this.includeMethods = includeMethods;
    }

    public List<String> getExcludeMethods() {
        return this.excludeMethods;
    }

    public void setExcludeMethods(List<String> excludeMethods) {
        this.excludeMethods = excludeMethods;
    }

    public GrpcMethodMatcher methodMatcher() {
        return GrpcMethodMatcher.of(this.includeMethods, this.excludeMethods);
    }
}
