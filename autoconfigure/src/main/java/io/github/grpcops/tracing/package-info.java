/**
 * One server span per call, the caller's trace continued, its ids in the logs and the request log. API:
 * {@link io.github.grpcops.tracing.TraceParent} (the W3C header, read strictly),
 * {@link io.github.grpcops.tracing.CallTracer} and {@link io.github.grpcops.tracing.CallSpan} (a bean of
 * your own starts the calls' spans), {@link io.github.grpcops.tracing.GrpcTracingProperties},
 * {@link io.github.grpcops.tracing.TracingServerInterceptor} and
 * {@link io.github.grpcops.tracing.GrpcTracingAutoConfiguration};
 * {@link io.github.grpcops.tracing.ServerCallTraceParentSource} is public because
 * {@code java.util.ServiceLoader} loads it for grpc-ops-client.
 */
package io.github.grpcops.tracing;
