package io.github.grpcops.tracing;

import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.CallOutcome;

/**
 * The span a call runs in, as a {@link CallTracer} started it: its ids for the logs and the request log,
 * how to make it current while the call's callbacks run, and how to end it.
 */
public interface CallSpan {

    /** 32 lowercase hex digits. */
    String traceId();

    /** 16 lowercase hex digits. */
    String spanId();

    /** Whether the trace is recorded (the {@code traceparent} flag passed on). */
    boolean sampled();

    /**
     * Makes the span current on this thread until the scope is closed, for logs too: the MDC holds
     * {@code traceId} and {@code spanId} ({@link TracingServerInterceptor#MDC_TRACE_ID},
     * {@link TracingServerInterceptor#MDC_SPAN_ID}) and gets its previous values back on close.
     */
    CallObserver.Scope makeCurrent();

    /** Ends the span once, with the status the client received; the default has nothing to end. */
    default void end(CallOutcome outcome) {
    }
}
