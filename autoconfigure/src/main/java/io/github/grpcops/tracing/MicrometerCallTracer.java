package io.github.grpcops.tracing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.CallOutcome;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * One server span per call through Micrometer Tracing, continuing the trace the caller's headers carry
 * (read by the application's {@link Propagator}: W3C {@code traceparent} unless configured otherwise),
 * named {@code package.Service/Method} with the OpenTelemetry RPC attributes ({@code rpc.system},
 * {@code rpc.service}, {@code rpc.method}, {@code rpc.grpc.status_code}). It starts and ends at the
 * instants the rest of the pipeline times the call by, and is marked as an error for the status codes
 * OpenTelemetry counts as server errors. No meters: the call is timed by grpc-ops' metrics alone.
 */
final class MicrometerCallTracer implements CallTracer {

    private final Tracer tracer;

    private final Propagator propagator;

    private final Propagator.Getter<Metadata> headers = new HeaderGetter();

    MicrometerCallTracer(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public CallSpan start(CallInfo call, Metadata headers) {
        long start = epochNanos(call.startedAt());
        Span span = this.propagator.extract(headers, this.headers)
            .kind(Span.Kind.SERVER)
            .name(call.fullMethodName())
            .tag("rpc.system", "grpc")
            .tag("rpc.service", call.serviceName())
            .tag("rpc.method", call.methodName())
            .startTimestamp(start, TimeUnit.NANOSECONDS)
            .start();
        return new ServerSpan(this.tracer, span, start);
    }

    private static long epochNanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    /**
     * Whether OpenTelemetry's semantic conventions make a server span with this status an error; client
     * faults such as {@code NOT_FOUND} or {@code UNAUTHENTICATED} are not.
     */
    private static boolean isServerError(Status.Code code) {
        return switch (code) {
            case UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS -> true;
            default -> false;
        };
    }

    private static final class ServerSpan implements CallSpan {

        private final Tracer tracer;

        private final Span span;

        private final long startNanos;

        private final TraceContext context;

        ServerSpan(Tracer tracer, Span span, long startNanos) {
            this.tracer = tracer;
            this.span = span;
            this.startNanos = startNanos;
            this.context = span.context();
        }

        @Override
        public String traceId() {
            return this.context.traceId();
        }

        @Override
        public String spanId() {
            return this.context.spanId();
        }

        @Override
        public boolean sampled() {
            return Boolean.TRUE.equals(this.context.sampled());
        }

        /** The tracer's scope: Spring Boot has its bridge put the span's ids in the MDC and take them out. */
        @Override
        public CallObserver.Scope makeCurrent() {
            Tracer.SpanInScope scope = this.tracer.withSpan(this.span);
            return scope::close;
        }

        @Override
        public void end(CallOutcome outcome) {
            Status status = outcome.status();
            this.span.tag("rpc.grpc.status_code", status.getCode().value());
            if (isServerError(status.getCode())) {
                this.span.error(new StatusError(status));
            }
            this.span.end(this.startNanos + outcome.durationNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * What the span records as its error: the status the client received, never the exception behind it,
     * whose message may hold what the client was not shown. No stack trace: it would point here.
     */
    static final class StatusError extends RuntimeException {

        StatusError(Status status) {
            super(status.getCode() + ((status.getDescription() != null) ? ": " + status.getDescription() : ""), null,
                    false, false);
        }
    }

    /** Reads text headers, {@link Metadata.Key}s made once per name. */
    private static final class HeaderGetter implements Propagator.Getter<Metadata> {

        private final Map<String, Metadata.Key<String>> keys = new ConcurrentHashMap<>();

        @Override
        public String get(Metadata headers, String name) {
            if (headers == null || name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                return null;
            }
            return headers.get(this.keys.computeIfAbsent(name, n -> Metadata.Key.of(n, Metadata.ASCII_STRING_MARSHALLER)));
        }
    }
}
