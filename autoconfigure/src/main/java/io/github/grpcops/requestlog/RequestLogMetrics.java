package io.github.grpcops.requestlog;

import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The request-log writer's counters as Micrometer meters: rows written, dropped (by reason) and
 * queued, failed batch inserts, and calls in flight.
 */
class RequestLogMetrics implements MeterBinder {

    static final String DROPPED = "grpc.request-log.rows.dropped";

    static final String DROPPED_DESCRIPTION = "Rows dropped, by reason: queue-full (the queue was full while the "
            + "database was slow or down), rejected (the database refused the row itself), shutdown (still unwritten "
            + "when the shutdown timeout passed, or offered after shutdown began)";

    private final RequestLogWriter writer;

    private final InFlightCalls inFlight;

    public RequestLogMetrics(RequestLogWriter writer, InFlightCalls inFlight) {
        this.writer = writer;
        this.inFlight = inFlight;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter("grpc.request-log.rows.written", "Rows inserted into the request log",
                RequestLogWriterCounts::written).register(registry);
        // One description for the three: registries such as Prometheus keep a single help text per name.
        counter(DROPPED, DROPPED_DESCRIPTION, RequestLogWriterCounts::droppedQueueFull).tag("reason", "queue-full")
            .register(registry);
        counter(DROPPED, DROPPED_DESCRIPTION, RequestLogWriterCounts::droppedRejected).tag("reason", "rejected")
            .register(registry);
        counter(DROPPED, DROPPED_DESCRIPTION, RequestLogWriterCounts::droppedAtShutdown).tag("reason", "shutdown")
            .register(registry);
        counter("grpc.request-log.batches.failed", "Batch inserts that failed and were retried or split",
                RequestLogWriterCounts::failedBatches).register(registry);
        Gauge.builder("grpc.request-log.rows.queued", this.writer, w -> w.counts().queued())
            .description("Rows accepted and not yet written, the batch being written included; at most "
                    + "grpc.request-log.writer.queue-capacity")
            .register(registry);
        Gauge.builder("grpc.request-log.calls.in-flight", this.inFlight, InFlightCalls::size)
            .description("Calls running now")
            .register(registry);
    }

    private FunctionCounter.Builder<RequestLogWriter> counter(String name, String description,
            ToLongFunction<RequestLogWriterCounts> count) {
        return FunctionCounter.builder(name, this.writer, w -> count.applyAsLong(w.counts())).description(description);
    }
}
