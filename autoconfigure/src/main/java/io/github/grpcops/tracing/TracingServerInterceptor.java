package io.github.grpcops.tracing;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.ObservingServerInterceptor;
import io.grpc.Metadata;

/**
 * Runs each call in its span, as the {@link CallTracer} starts it: records the trace in the call's
 * {@link CallAttributes} (for the request log, the console log and calls made on), makes the span current,
 * with {@value #MDC_TRACE_ID} and {@value #MDC_SPAN_ID} in the logging MDC, around the call's start and
 * each of its callbacks (they run on pooled threads that serve other calls too), and ends the span once,
 * however the call ends. Sits just inside the request id ({@code PipelineOrder.TRACING}), so rejections
 * by overload, authentication and rate limiting are spans too, ended with the status the client received.
 */
public class TracingServerInterceptor extends ObservingServerInterceptor {

    /** MDC key of the call's trace id, as Micrometer Tracing names it: {@code %X{traceId}} in a log pattern. */
    public static final String MDC_TRACE_ID = "traceId";

    /** MDC key of the span the call runs in. */
    public static final String MDC_SPAN_ID = "spanId";

    private final CallTracer tracer;

    public TracingServerInterceptor(InterceptorProperties properties, CallTracer tracer) {
        super(properties);
        this.tracer = tracer;
    }

    @Override
    protected CallObserver startObserving(CallInfo call, Metadata headers) {
        CallSpan span = this.tracer.start(call, headers);
        if (span == null) {
            return null;
        }
        CallAttributes attributes = CallAttributes.current();
        if (attributes != null) {
            attributes.traced(span.traceId(), span.spanId(), span.sampled());
        }
        return new SpanObserver(span);
    }

    /** Keeps the span current while the call's events run, and ends it with the call. */
    private static final class SpanObserver implements CallObserver {

        private final CallSpan span;

        SpanObserver(CallSpan span) {
            this.span = span;
        }

        @Override
        public Scope enter() {
            return this.span.makeCurrent();
        }

        @Override
        public void onFinish(CallOutcome outcome) {
            this.span.end(outcome);
        }
    }
}
