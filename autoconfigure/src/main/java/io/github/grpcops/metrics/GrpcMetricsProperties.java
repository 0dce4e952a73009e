package io.github.grpcops.metrics;

import java.util.ArrayList;
import java.util.List;

import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineOrder;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Micrometer metrics of calls: {@code grpc.metrics.*}.
 */
@ConfigurationProperties("grpc.metrics")
public class GrpcMetricsProperties extends InterceptorProperties {

    /** Whether the call timer publishes a percentile histogram (buckets a backend such as Prometheus aggregates). */
    private boolean percentileHistogram;

    /** Percentiles the call timer computes in the application, e.g. 0.95 and 0.99; none when empty. */
    private List<Double> percentiles = new ArrayList<>();

    /**
     * Whether grpc-spring-boot-starter's own metric interceptor is removed, so each call is timed once;
     * grpc-ops records the same meter names and tags in its place.
     */
    private boolean replaceNetDevhInterceptor = true;

    public GrpcMetricsProperties() {
        super(PipelineOrder.METRICS);
    }

    public boolean isPercentileHistogram() {
        return this.percentileHistogram;
    }

    public void setPercentileHistogram(boolean percentileHistogram) {
        this.percentileHistogram = percentileHistogram;
    }

    public List<Double> getPercentiles() {
        return this.percentiles;
    }

    public void setPercentiles(List<Double> percentiles) {
        this.percentiles = percentiles;
    }

    public boolean isReplaceNetDevhInterceptor() {
        return this.replaceNetDevhInterceptor;
    }

    public void setReplaceNetDevhInterceptor(boolean replaceNetDevhInterceptor) {
        this.replaceNetDevhInterceptor = replaceNetDevhInterceptor;
    }
}
