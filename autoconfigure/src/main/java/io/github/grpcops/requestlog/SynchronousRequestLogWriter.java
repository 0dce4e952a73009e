package io.github.grpcops.requestlog;

import java.util.concurrent.atomic.AtomicLong;

import io.github.grpcops.logging.DatabaseFailureText;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * Inserts each row on the call's thread, one statement per call: the design the batching writer
 * replaces, kept only as the reference the benchmark compares against
 * ({@code grpc.request-log.writer.mode=synchronous-benchmark-reference}). It makes every call wait for
 * the database; do not use it in production.
 */
class SynchronousRequestLogWriter implements RequestLogWriter {

    private static final Logger log = LoggerFactory.getLogger(SynchronousRequestLogWriter.class);

    private final RequestLogInserter inserter;

    private final RequestStatsRecorder stats;

    private final AtomicLong written = new AtomicLong();

    private final AtomicLong rejected = new AtomicLong();

    public SynchronousRequestLogWriter(RequestLogInserter inserter, RequestStatsRecorder stats) {
        this.inserter = inserter;
        this.stats = stats;
    }

    @Override
    public void write(RequestLogEntry entry) {
        this.stats.record(RequestLogFigures.of(entry));
        try {
            this.inserter.insert(entry);
            this.written.incrementAndGet();
        }
        catch (DataAccessException ex) {
            if (this.rejected.incrementAndGet() % 1000 == 1) {
                log.warn("Request log row dropped: {}", DatabaseFailureText.describe(ex));
            }
        }
    }

    @Override
    public RequestLogWriterCounts counts() {
        return new RequestLogWriterCounts(this.written.get(), 0, this.rejected.get(), 0, 0, 0);
    }
}
