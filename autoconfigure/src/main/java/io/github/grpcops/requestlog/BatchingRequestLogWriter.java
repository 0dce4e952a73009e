package io.github.grpcops.requestlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.grpcops.jdbc.ConnectionFailures;
import io.github.grpcops.lifecycle.GrpcOpsThreads;
import io.github.grpcops.lifecycle.LifecyclePhases;
import io.github.grpcops.logging.DatabaseFailureText;
import io.github.grpcops.logging.RepeatedFailureLog;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * The request log's writer: the call's thread offers its row to a bounded queue and returns; one
 * writer thread, looking at the queue every 50 ms and woken once per batch's worth of rows, inserts rows
 * in batches, flushing when a batch is full or the flush interval has passed since it saw the batch's
 * first row.
 *
 * <p>When the database is unreachable the batch is retried with exponential backoff while the queue
 * keeps buffering; once the queue is full new rows are dropped and counted. The queue's capacity
 * counts every row accepted and not yet written, the batch being written included, so the rows held in
 * memory never exceed it. Each attempt is bounded by the inserter's own timeouts, so an outage shows
 * as failed batches at the documented backoff: the first failure is logged at once, repeats once a
 * minute with a count, and the recovery with the outage's length. When the database refuses a batch
 * for its content, the rows are inserted one by one so that only the offending row is dropped. Log
 * lines describe database failures by type and SQLState, never with a row's values.
 * The thread, {@code grpc-ops-request-log-writer-1}, runs from the context's refresh (rows written
 * before wait in the queue); on shutdown, after the gRPC server and its workers have finished the last
 * calls ({@link LifecyclePhases#REQUEST_LOG_WRITER}), everything queued is written, waiting at most the
 * shutdown timeout for an unreachable database. Every row's call is counted in the
 * {@link RequestStatsRecorder rollups}, written or dropped.
 */
class BatchingRequestLogWriter implements RequestLogWriter, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchingRequestLogWriter.class);

    private final RequestLogInserter inserter;

    private final RequestLogProperties.Writer settings;

    private final RequestStatsRecorder stats;

    /** Unbounded itself: {@link #buffered} bounds it, counting the batch being written too. */
    private final Queue<RequestLogEntry> queue = new ConcurrentLinkedQueue<>();

    private final ThreadFactory threads = GrpcOpsThreads.named("request-log-writer");

    private volatile Thread thread;

    /** Rows accepted and not yet settled: in the queue or in the batch being written. */
    private final AtomicInteger buffered = new AtomicInteger();

    private final RepeatedFailureLog outageLog = new RepeatedFailureLog(log);

    private final AtomicLong written = new AtomicLong();

    private final AtomicLong droppedQueueFull = new AtomicLong();

    /** {@link System#nanoTime()} of the last queue-full warning. */
    private final AtomicLong queueFullWarnedAt = new AtomicLong();

    private static final long QUEUE_FULL_WARNING_NANOS = RepeatedFailureLog.DEFAULT_INTERVAL.toNanos();

    private final AtomicLong droppedRejected = new AtomicLong();

    private final AtomicLong droppedAtShutdown = new AtomicLong();

    private final AtomicLong failedBatches = new AtomicLong();

    private volatile boolean stopping;

    private volatile long giveUpAtNanos;

    /** When the current outage began (writer thread only); 0 while the database answers. */
    private long outageSinceNanos;

    private long failedBatchesBeforeOutage;

    /** How long the writer thread sleeps at most before looking at the queue and the stopping flag again. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * @param stats where every row's call is counted (by this writer's thread once taken from the
     *     queue, by the caller's when the queue refuses it)
     */
    public BatchingRequestLogWriter(RequestLogInserter inserter, RequestLogProperties.Writer settings,
            RequestStatsRecorder stats) {
        this.inserter = inserter;
        this.settings = settings;
        this.stats = stats;
    }

    @Override
    public synchronized void start() {
        if (this.thread == null) {
            this.stopping = false;
            this.thread = this.threads.newThread(this::run);
            this.thread.start();
        }
    }

    @Override
    public boolean isRunning() {
        return this.thread != null;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.REQUEST_LOG_WRITER;
    }

    @Override
    public void write(RequestLogEntry entry) {
        if (this.stopping) {
            this.droppedAtShutdown.incrementAndGet();
            this.stats.record(RequestLogFigures.of(entry));
            return;
        }
        int held = reserve();
        if (held > 0) {
            this.queue.add(entry);
            wakeForAFullBatch(held);
        }
        else {
            this.stats.record(RequestLogFigures.of(entry));
            warnQueueFull(this.droppedQueueFull.incrementAndGet());
        }
    }

    /**
     * At most once a minute, with the count: a database that cannot keep up refills the queue within
     * milliseconds of each batch, and a line per refill (or per thousand rows) floods the log. Not through
     * {@link RepeatedFailureLog}: this runs on the calls' threads for every dropped row, where its key
     * matching and lock per occurrence would cost the calls more than a clock read and a volatile one.
     */
    private void warnQueueFull(long dropped) {
        long now = System.nanoTime();
        long last = this.queueFullWarnedAt.get();
        boolean due = dropped == 1 || now - last >= QUEUE_FULL_WARNING_NANOS;
        if (due && this.queueFullWarnedAt.compareAndSet(last, now)) {
            log.warn("Request log queue full ({} rows): dropping rows until the database catches up; "
                    + "{} dropped so far", this.settings.getQueueCapacity(), dropped);
        }
    }

    /**
     * Wakes the writer once per batch's worth of rows, not per row, so a burst faster than its look at
     * the queue every 50 ms is written as it fills batches instead of overrunning a small queue.
     */
    private void wakeForAFullBatch(int held) {
        if (held % this.settings.getBatchSize() == 0) {
            LockSupport.unpark(this.thread);
        }
    }

    /**
     * Takes a place for one more row, unless the rows held already fill the capacity.
     * @return the rows held with this one, or 0 when there was no place
     */
    private int reserve() {
        int held;
        do {
            held = this.buffered.get();
            if (held >= this.settings.getQueueCapacity()) {
                return 0;
            }
        }
        while (!this.buffered.compareAndSet(held, held + 1));
        return held + 1;
    }

    @Override
    public RequestLogWriterCounts counts() {
        return new RequestLogWriterCounts(this.written.get(), this.droppedQueueFull.get(), this.droppedRejected.get(),
                this.droppedAtShutdown.get(), this.buffered.get(), this.failedBatches.get());
    }

    /** Writes what is queued, then stops; waits at most the shutdown timeout for the database. */
    @Override
    public synchronized void stop() {
        Thread writer = this.thread;
        if (writer == null) {
            return;
        }
        this.giveUpAtNanos = System.nanoTime() + this.settings.getShutdownTimeout().toNanos();
        this.stopping = true;
        try {
            // A JDBC call can block past the give-up time (a pool waiting for a connection): stop waiting anyway.
            writer.join(Math.max(1, this.settings.getShutdownTimeout().toMillis()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.thread = null;
        RequestLogWriterCounts counts = counts();
        log.atLevel((counts.queued() > 0 || counts.dropped() > 0) ? Level.WARN : Level.INFO)
            .log("Request log writer stopped: {} rows written, {} dropped (queue full {}, refused {}, at shutdown {}), "
                    + "{} left unwritten, {} failed batches", counts.written(), counts.dropped(),
                    counts.droppedQueueFull(), counts.droppedRejected(), counts.droppedAtShutdown(), counts.queued(),
                    counts.failedBatches());
    }

    private void run() {
        List<RequestLogEntry> batch = new ArrayList<>(this.settings.getBatchSize());
        while (!this.stopping || !this.queue.isEmpty()) {
            collect(batch);
            if (!batch.isEmpty()) {
                this.stats.recordAll(batch, RequestLogFigures::of);
                writeWithRetry(batch);
                batch.clear();
            }
        }
    }

    /**
     * Fills {@code batch} until it is full or the flush interval has passed since the writer first saw
     * its first row. The writer looks at the queue every {@link #SLICE_NANOS} and sleeps in between;
     * the calls wake it once per batch's worth of rows, never per row (when the calls' threads woke it
     * for every row they queued, the wake-ups cost them and the writer more CPU than writing the rows).
     * A full batch is written at once and the next collected without sleeping, so a backlog drains at
     * the database's pace.
     */
    private void collect(List<RequestLogEntry> batch) {
        long deadline = 0;
        while (true) {
            drain(batch);
            if (batch.size() >= this.settings.getBatchSize() || this.stopping) {
                return;
            }
            long now = System.nanoTime();
            if (!batch.isEmpty() && deadline == 0) {
                deadline = now + this.settings.getFlushInterval().toNanos();
            }
            long wait = (deadline == 0) ? SLICE_NANOS : Math.min(deadline - now, SLICE_NANOS);
            if (wait <= 0) {
                return;
            }
            LockSupport.parkNanos(this, wait);
        }
    }

    private void drain(List<RequestLogEntry> batch) {
        RequestLogEntry next;
        while (batch.size() < this.settings.getBatchSize() && (next = this.queue.poll()) != null) {
            batch.add(next);
        }
    }

    private void writeWithRetry(List<RequestLogEntry> batch) {
        long backoff = this.settings.getRetryInitialBackoff().toMillis();
        while (true) {
            try {
                this.inserter.insertBatch(batch);
                settled(batch.size(), this.written);
                recovered();
                return;
            }
            catch (DataAccessException ex) {
                this.failedBatches.incrementAndGet();
                if (!isUnavailable(ex)) {
                    recovered();
                    log.warn("Database refused a batch of {} request-log rows ({}); inserting them one by one",
                            batch.size(), DatabaseFailureText.describe(ex));
                    writeOneByOne(batch);
                    return;
                }
                if (this.stopping && System.nanoTime() - this.giveUpAtNanos > 0) {
                    log.error("Database unavailable at shutdown: dropping {} request-log rows", batch.size());
                    settled(batch.size(), this.droppedAtShutdown);
                    return;
                }
                unavailable(ex, backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, this.settings.getRetryMaxBackoff().toMillis());
            }
            catch (RuntimeException ex) {
                // Not a database failure (a bug, say): never let it kill the writer thread.
                log.error("Request log writer failed; dropping {} rows: {}", batch.size(),
                        DatabaseFailureText.describe(ex));
                settled(batch.size(), this.droppedRejected);
                return;
            }
        }
    }

    private void writeOneByOne(List<RequestLogEntry> batch) {
        for (int i = 0; i < batch.size(); i++) {
            RequestLogEntry entry = batch.get(i);
            try {
                this.inserter.insert(entry);
                settled(1, this.written);
            }
            catch (DataAccessException ex) {
                if (isUnavailable(ex)) {
                    writeWithRetry(new ArrayList<>(batch.subList(i, batch.size())));
                    return;
                }
                settled(1, this.droppedRejected);
                // A missing table refuses every row: say so once per thousand, not once per call.
                if (this.droppedRejected.get() % 1000 == 1) {
                    log.error("Database refused a request-log row: dropped ({}); {} refused so far",
                            DatabaseFailureText.describe(ex), this.droppedRejected.get());
                }
            }
        }
    }

    private void settled(int rows, AtomicLong outcome) {
        outcome.addAndGet(rows);
        this.buffered.addAndGet(-rows);
    }

    /** Logs an attempt that could not reach the database: the first of an outage at once, then once a minute. */
    private void unavailable(DataAccessException ex, long backoff) {
        long now = System.nanoTime();
        if (this.outageSinceNanos == 0) {
            this.outageSinceNanos = now;
            this.failedBatchesBeforeOutage = this.failedBatches.get() - 1;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(now - this.outageSinceNanos);
        long attempts = this.failedBatches.get() - this.failedBatchesBeforeOutage;
        this.outageLog.report(Level.WARN, "unavailable", () -> "Database unavailable for the request log for "
                + seconds + " s (" + DatabaseFailureText.describe(ex) + "); retrying in " + backoff + " ms; "
                + this.buffered.get() + " rows queued, " + attempts + " failed attempts, "
                + this.droppedQueueFull.get() + " rows dropped so far because the queue was full");
    }

    /** Ends the outage, if there was one, with a line saying how long it lasted. */
    private void recovered() {
        if (this.outageSinceNanos == 0) {
            return;
        }
        double seconds = (System.nanoTime() - this.outageSinceNanos) / 1e9;
        log.info(String.format(Locale.ROOT, "Request log writer reached the database again after %.1f s "
                + "unavailable: %d failed attempts; %d rows dropped so far because the queue was full", seconds,
                this.failedBatches.get() - this.failedBatchesBeforeOutage, this.droppedQueueFull.get()));
        this.outageSinceNanos = 0;
        this.outageLog.forget();
    }

    /** Sleeps the backoff, cut short when shutdown starts (one more attempt, then the give-up time rules). */
    private void pause(long millis) {
        boolean stoppingBefore = this.stopping;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - until < 0 && this.stopping == stoppingBefore
                && !(this.stopping && System.nanoTime() - this.giveUpAtNanos > 0)) {
            LockSupport.parkNanos(SLICE_NANOS);
        }
    }

    /**
     * Whether the failure is about reaching the database rather than about the rows: Spring's outage
     * types, or a connection failure anywhere below (a connection broken in the middle of a batch may come
     * as an uncategorised exception).
     */
    static boolean isUnavailable(DataAccessException ex) {
        return ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
                || ex instanceof RecoverableDataAccessException || ConnectionFailures.causedBy(ex);
    }
}
