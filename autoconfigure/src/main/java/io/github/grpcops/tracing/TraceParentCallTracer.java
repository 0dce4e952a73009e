package io.github.grpcops.tracing;

import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.MdcScope;
import io.grpc.Metadata;

/**
 * The call tracer without a tracing library: a call runs in its caller's span, as its valid
 * {@code traceparent} names it; a call without one (or with a malformed one) is not traced.
 */
final class TraceParentCallTracer implements CallTracer {

    @Override
    public CallSpan start(CallInfo call, Metadata headers) {
        TraceParent parent = TraceParent.of(headers);
        return (parent != null) ? new CallerSpan(parent) : null;
    }

    /** The caller's span, which this server only reports: current means in the MDC. */
    private record CallerSpan(TraceParent parent) implements CallSpan {

        @Override
        public CallObserver.Scope makeCurrent() {
            CallObserver.Scope trace = MdcScope.put(TracingServerInterceptor.MDC_TRACE_ID, this.parent.traceId());
            CallObserver.Scope span = MdcScope.put(TracingServerInterceptor.MDC_SPAN_ID, this.parent.parentId());
            return () -> {
                span.close();
                trace.close();
            };
        }

        @Override
        public String traceId() {
            return this.parent.traceId();
        }

        @Override
        public String spanId() {
            return this.parent.parentId();
        }

        @Override
        public boolean sampled() {
            return this.parent.sampled();
        }
    }
}
