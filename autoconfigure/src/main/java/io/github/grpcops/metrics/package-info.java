/**
 * Micrometer timers and counters per call. API: {@link io.github.grpcops.metrics.GrpcMetrics} (what
 * the meters hold, as a {@link io.github.grpcops.metrics.GrpcMetricsSnapshot}),
 * {@link io.github.grpcops.metrics.GrpcMetricsProperties},
 * {@link io.github.grpcops.metrics.MetricsServerInterceptor} and
 * {@link io.github.grpcops.metrics.GrpcMetricsAutoConfiguration}.
 */
package io.github.grpcops.metrics;
