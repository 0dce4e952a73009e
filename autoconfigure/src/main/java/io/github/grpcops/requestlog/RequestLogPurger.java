package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.github.grpcops.jobs.FleetJobLock;
import io.github.grpcops.lifecycle.BackgroundWork;
import io.github.grpcops.lifecycle.LifecyclePhases;
import io.github.grpcops.logging.DatabaseFailureText;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.requestlog.rollup.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The request log's retention, every {@code purge.interval}, on one instance of the fleet per interval
 * ({@link FleetJobLock}): rows older than {@code grpc.request-log.retention} leave the log (deleted in
 * batches, or whole partitions dropped), and rollups older than their own retentions
 * ({@code rollups.minute-retention}, {@code rollups.retention}) are deleted. A zero retention keeps
 * those rows forever. In a database held in memory the log also keeps at most
 * {@code in-memory-max-rows} newest rows, checked at least every {@link #IN_MEMORY_INTERVAL}, so it
 * cannot fill the heap; rollups are not capped (they are small and keep the statistics whole).
 */
public class RequestLogPurger extends BackgroundWork {

    /** The job's name in the fleet's job table. */
    public static final String JOB = "request-log-purge";

    private static final Logger log = LoggerFactory.getLogger(RequestLogPurger.class);

    private final RequestLogRetention raw;

    private final RequestStatsTable rollups;

    private final RequestLogProperties properties;

    private final FleetJobLock lock;

    private final AtomicLong runs = new AtomicLong();

    static final Duration IN_MEMORY_INTERVAL = Duration.ofSeconds(10);

    private final Duration interval;

    private final long maxRows;

    /** {@code maxRows} above zero caps the raw rows kept (for a database held in memory). */
    public RequestLogPurger(RequestLogRetention raw, RequestStatsTable rollups, RequestLogProperties properties,
            FleetJobLock lock, long maxRows) {
        super("request-log-purge", LifecyclePhases.JOBS);
        this.raw = raw;
        this.rollups = rollups;
        this.properties = properties;
        this.lock = lock;
        this.maxRows = maxRows;
        Duration interval = properties.getPurge().getInterval();
        this.interval = (maxRows > 0 && interval.compareTo(IN_MEMORY_INTERVAL) > 0) ? IN_MEMORY_INTERVAL : interval;
    }

    @Override
    protected void onStart() {
        // Runs even when raw rows are kept forever: rollups have their own retention, partitions are made ahead.
        repeat(this::purgeIfDue, this.interval, this.interval);
    }

    /** Purges now, whatever other instances did; returns the request-log rows removed. */
    public long purge() {
        Instant now = Instant.now();
        this.raw.prepareAhead(now);
        long expired = keeps(this.properties.getRetention()) ? 0
                : this.raw.purgeOlderThan(now.minus(this.properties.getRetention()));
        long beyondCap = (this.maxRows > 0) ? this.raw.purgeBeyondNewest(this.maxRows) : 0;
        int minutes = purgeRollups(Resolution.MINUTE, this.properties.getRollups().getMinuteRetention(), now);
        int hours = purgeRollups(Resolution.HOUR, this.properties.getRollups().getRetention(), now);
        // The in-memory cap trims rows every 10 s as calls come in: routine, so it alone logs at DEBUG.
        log.atLevel((expired + minutes + hours > 0) ? Level.INFO : Level.DEBUG)
            .log("Request log purge: {} rows older than {} removed, {} beyond the newest {} kept in memory, {} minute "
                    + "and {} hour rollups removed", expired, this.properties.getRetention(), beyondCap, this.maxRows,
                    minutes, hours);
        return expired + beyondCap;
    }

    /** Removes request-log rows that started before {@code cutoff}; returns how many. */
    public long purgeOlderThan(Instant cutoff) {
        return this.raw.purgeOlderThan(cutoff);
    }

    /** Purges unless another instance did within the interval; returns whether this instance did. */
    public boolean purgeIfDue() {
        try {
            boolean ran = this.lock.runIfDue(JOB, this.interval, this::purge);
            if (ran) {
                this.runs.incrementAndGet();
            }
            return ran;
        }
        catch (DataAccessException | TransactionException ex) {
            // A transaction that cannot start (no connection) is not a DataAccessException; both are a
            // database failure, said as one here (anything else the background work's guard logs).
            log.warn("Request log purge failed; retrying next interval: {}", DatabaseFailureText.describe(ex));
            return false;
        }
    }

    /** Purges this instance ran so far. */
    public long runs() {
        return this.runs.get();
    }

    private int purgeRollups(Resolution resolution, Duration retention, Instant now) {
        return keeps(retention) ? 0 : this.rollups.deleteBefore(resolution, now.minus(retention));
    }

    private static boolean keeps(Duration retention) {
        return retention.isZero() || retention.isNegative();
    }
}
