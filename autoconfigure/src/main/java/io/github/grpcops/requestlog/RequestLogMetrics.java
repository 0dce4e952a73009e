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
        counter("grpc.request-log.rows.dropped", "Rows dropped because the queue was full",
                RequestLogWriterCounts::droppedQueueFull).tag("reason", "queue-full").register(registry);
        counter("grpc.request-log.rows.dropped", "Rows the database refused on their own",
                RequestLogWriterCounts::droppedRejected).tag("reason", "rejected").register(registry);
        counter("grpc.request-log.rows.dropped", "Rows left unwritten at shutdown",
                RequestLogWriterCounts::droppedAtShutdown).tag("reason", "shutdown").register(registry);
        counter("grpc.request-log.batches.failed", "Batch inserts that failed and were retried or split",
                RequestLogWriterCounts::failedBatches).register(registry);
        Gauge.builder("grpc.request-log.rows.queued", this.writer, w -> w.counts().queued())
            .description("Rows waiting to be written")
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
