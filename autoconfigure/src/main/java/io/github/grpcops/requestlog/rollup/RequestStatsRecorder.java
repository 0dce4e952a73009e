package io.github.grpcops.requestlog.rollup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantLock;

import io.github.grpcops.lifecycle.BackgroundWork;
import io.github.grpcops.lifecycle.LifecyclePhases;
import io.github.grpcops.logging.DatabaseFailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Gathers the figures of every call the request log sees, rows or not, and adds them to
 * {@code grpc_request_stats} every flush interval from a thread of its own,
 * {@code grpc-ops-request-stats-1}; the last flush runs once the request-log writer has stopped
 * ({@link LifecyclePhases#REQUEST_STATS}).
 *
 * <p>The request-log writer records the rows it takes from its queue, a batch at a time, on its own
 * thread; calls record here themselves only when they make no row (sampled out, or dropped because
 * the queue was full). Either way a record takes a stripe of the in-memory figures with
 * {@code tryLock}, moving on to the next stripe when one is busy, so no caller ever waits for a lock.
 * Each flush swaps every stripe for an empty one and adds what it gathered to the table in one
 * transaction; when the database fails, the figures stay in memory, keep absorbing new calls (their
 * size grows with methods and minutes, not with calls, up to {@value #MAX_PENDING_KEYS} minute rows)
 * and are added with the next flush that succeeds. Nothing is counted twice: a flush is added all or not at all.
 */
public class RequestStatsRecorder extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(RequestStatsRecorder.class);

    /**
     * Most minute rows kept in memory while the database fails (some 30 MB; six hours of 50 method and
     * status pairs); beyond it the oldest minutes are dropped, so an outage never exhausts memory.
     */
    static final int MAX_PENDING_KEYS = 20_000;

    private final RequestStatsTable table;

    private final Stripe[] stripes;

    /** What flushes have not yet added to the table; only touched while holding the flush lock. */
    private final RollupAccumulator pending = new RollupAccumulator();

    private final ReentrantLock flushing = new ReentrantLock();

    private final AtomicLong failedFlushes = new AtomicLong();

    private final AtomicLong uncounted = new AtomicLong();

    private final Duration flushInterval;

    private boolean failing;

    /**
     * @param flushInterval time between flushes; {@code null} flushes only when {@link #flush()} is called
     */
    public RequestStatsRecorder(RequestStatsTable table, Duration flushInterval) {
        super("request-stats", LifecyclePhases.REQUEST_STATS);
        this.table = table;
        int count = Integer.highestOneBit(Math.max(4, Runtime.getRuntime().availableProcessors() * 2) * 2 - 1);
        this.stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            this.stripes[i] = new Stripe();
        }
        this.flushInterval = flushInterval;
    }

    @Override
    protected void onStart() {
        if (this.flushInterval != null) {
            repeat(this::flush, this.flushInterval, this.flushInterval);
        }
    }

    /** Counts one call; never waits for a lock or the database, never throws. */
    public void record(CallFigures call) {
        Stripe stripe = acquire();
        try {
            recordSafely(stripe, call);
        }
        finally {
            stripe.lock.unlock();
        }
    }

    /** Counts the calls of a batch (request-log rows), each's figures taken by {@code figures}; never throws. */
    public <T> void recordAll(List<T> calls, Function<T, CallFigures> figures) {
        Stripe stripe = acquire();
        try {
            for (T call : calls) {
                recordSafely(stripe, figures.apply(call));
            }
        }
        finally {
            stripe.lock.unlock();
        }
    }

    /** A call that cannot be counted (a bug) is logged, never thrown at the call or the writer. */
    private void recordSafely(Stripe stripe, CallFigures call) {
        try {
            stripe.figures.record(call);
        }
        catch (RuntimeException ex) {
            if (this.uncounted.getAndIncrement() % 1000 == 0) {
                log.error("Could not count a call of {}/{} in the request statistics", call.service(), call.method(),
                        ex);
            }
        }
    }

    /**
     * Adds everything gathered so far to the table; returns whether the table now has it all. A
     * failure is logged once per outage and retried with the next flush.
     */
    public boolean flush() {
        this.flushing.lock();
        try {
            for (Stripe stripe : this.stripes) {
                RollupAccumulator gathered;
                stripe.lock.lock();
                try {
                    gathered = stripe.figures;
                    stripe.figures = new RollupAccumulator();
                }
                finally {
                    stripe.lock.unlock();
                }
                this.pending.takeAll(gathered);
            }
            if (this.pending.isEmpty()) {
                return true;
            }
            this.table.add(this.pending.rows());
            this.pending.clear();
            if (this.failing) {
                log.info("Request statistics are being written to {} again", this.table.table());
                this.failing = false;
            }
            return true;
        }
        catch (DataAccessException | TransactionException ex) {
            // A transaction that cannot start (no connection) is not a DataAccessException; both are a
            // database failure, said as one here (anything else the background work's guard logs).
            this.failedFlushes.incrementAndGet();
            if (!this.failing) {
                log.warn("Could not write request statistics to {} ({}); kept in memory ({} rows) and retried",
                        this.table.table(), DatabaseFailureText.describe(ex), this.pending.size());
                this.failing = true;
            }
            long dropped = this.pending.dropOldestBeyond(MAX_PENDING_KEYS);
            if (dropped > 0) {
                log.error("Request statistics of {} calls dropped: more than {} minutes × methods × statuses waited "
                        + "for the database", dropped, MAX_PENDING_KEYS);
            }
            return false;
        }
        finally {
            this.flushing.unlock();
        }
    }

    /** Flushes that failed so far (each retried by the next). */
    public long failedFlushes() {
        return this.failedFlushes.get();
    }

    /** Takes a free stripe, starting from one chosen by the thread, never waiting for a busy one. */
    private Stripe acquire() {
        int mask = this.stripes.length - 1;
        int start = (int) Thread.currentThread().getId();
        while (true) {
            for (int i = 0; i <= mask; i++) {
                Stripe stripe = this.stripes[(start + i) & mask];
                if (stripe.lock.tryLock()) {
                    return stripe;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Adds what is left, after the request-log writer has stopped and counted its last rows. */
    @Override
    protected void onStop() {
        if (!flush()) {
            log.warn("Request statistics of {} rows could not be written at shutdown", this.pending.size());
        }
    }

    private static final class Stripe {

        final ReentrantLock lock = new ReentrantLock();

        RollupAccumulator figures = new RollupAccumulator();
    }
}
