package io.github.grpcops.pipeline;

import io.grpc.ServerCall;
import io.grpc.ServerInterceptor;

import org.springframework.core.Ordered;

/**
 * Base of the built-in interceptors: a position in the pipeline and the methods it applies to, both
 * from {@link InterceptorProperties}. Every bean of this type is registered as a global interceptor
 * by the server adapter, which sorts it by {@link Ordered} together with the application's own.
 */
public abstract class PipelineInterceptor implements ServerInterceptor, Ordered {

    private final MethodMatcher methods;

    private final int order;

    protected PipelineInterceptor(InterceptorProperties properties) {
        this(properties.methodMatcher(), properties.getOrder());
    }

    protected PipelineInterceptor(MethodMatcher methods, int order) {
        this.methods = methods;
        this.order = order;
    }

    protected boolean appliesTo(ServerCall<?, ?> call) {
        return this.methods.matches(call.getMethodDescriptor().getFullMethodName());
    }

    @Override
    public int getOrder() {
        return this.order;
    }
}
