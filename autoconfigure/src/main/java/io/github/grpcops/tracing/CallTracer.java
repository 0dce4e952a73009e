package io.github.grpcops.tracing;

import io.github.grpcops.pipeline.CallInfo;
import io.grpc.Metadata;

/**
 * Starts the trace of each call {@link TracingServerInterceptor} sees. grpc-ops brings two: a server span
 * through Micrometer Tracing when the application has a {@code Tracer} (continuing the caller's trace from
 * the headers the application's {@code Propagator} reads), else the caller's {@code traceparent} as it
 * came, without a span of the server's own. Define a bean of this type to replace them.
 */
@FunctionalInterface
public interface CallTracer {

    /**
     * Called once per call, in {@code interceptCall}, where the call's context is current.
     * @return the call's span, or {@code null} to leave the call untraced
     */
    CallSpan start(CallInfo call, Metadata headers);
}
