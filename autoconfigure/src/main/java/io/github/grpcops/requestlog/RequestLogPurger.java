package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import io.github.grpcops.lifecycle.BackgroundWork;
import io.github.grpcops.lifecycle.LifecyclePhases;
import io.github.grpcops.logging.DatabaseFailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes request-log rows older than {@code grpc.request-log.retention}, every
 * {@code purge.interval}, in statements of at most {@code purge.batch-size} rows: each is a short
 * transaction, so writers and readers never wait long for the table. A zero retention keeps rows forever.
 * In a database held in memory it also keeps at most {@code in-memory-max-rows} rows, the newest, and
 * runs at least every 10 seconds, so the log never fills the heap.
 */
public class RequestLogPurger extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(RequestLogPurger.class);

    private final JdbcTemplate jdbc;

    private final String delete;

    private final Duration retention;

    private final int batchSize;

    private final Duration interval;

    static final Duration IN_MEMORY_INTERVAL = Duration.ofSeconds(10);

    private final long maxRows;

    private final String count;

    private final String deleteOldest;

    /**
     * Purges {@code table} (the request log's name under the configured prefix); {@code maxRows} above zero
     * caps the rows kept (for a database held in memory).
     */
    public RequestLogPurger(DataSource dataSource, String table, RequestLogProperties properties, long maxRows) {
        super("request-log-purge", LifecyclePhases.JOBS);
        this.jdbc = new JdbcTemplate(dataSource);
        this.delete = "delete from " + table + " where id in (select id from " + table + " where created_at < ? limit ?)";
        this.count = "select count(*) from " + table;
        this.deleteOldest = "delete from " + table + " where id in (select id from " + table
                + " order by created_at limit ?)";
        this.retention = properties.getRetention();
        this.batchSize = properties.getPurge().getBatchSize();
        this.maxRows = maxRows;
        Duration interval = properties.getPurge().getInterval();
        this.interval = (maxRows > 0 && interval.compareTo(IN_MEMORY_INTERVAL) > 0) ? IN_MEMORY_INTERVAL : interval;
    }

    @Override
    protected void onStart() {
        if ((!this.retention.isZero() && !this.retention.isNegative()) || this.maxRows > 0) {
            repeat(this::purgeQuietly, this.interval, this.interval);
        }
    }

    /** Deletes every row that started before now minus the retention, then the oldest beyond the cap; returns how many. */
    public long purge() {
        long deleted = this.retention.isZero() ? 0 : purgeOlderThan(Instant.now().minus(this.retention));
        return (this.maxRows > 0) ? deleted + purgeBeyondNewest(this.maxRows) : deleted;
    }

    /** Deletes the oldest rows until at most {@code maxRows} are left, batch by batch; returns how many. */
    public long purgeBeyondNewest(long maxRows) {
        Long rows = this.jdbc.queryForObject(this.count, Long.class);
        long excess = (rows != null) ? rows - maxRows : 0;
        long total = 0;
        while (excess > 0) {
            int deleted = this.jdbc.update(this.deleteOldest, (int) Math.min(excess, this.batchSize));
            if (deleted == 0) {
                break;
            }
            total += deleted;
            excess -= deleted;
        }
        return total;
    }

    /** Deletes every row that started before {@code cutoff}, batch by batch; returns how many. */
    public long purgeOlderThan(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = this.jdbc.update(this.delete, cutoff.atOffset(ZoneOffset.UTC), this.batchSize);
            total += deleted;
        }
        while (deleted >= this.batchSize);
        return total;
    }

    private void purgeQuietly() {
        try {
            long deleted = purge();
            if (deleted > 0) {
                log.debug("Request log purge deleted {} rows (retention {}, cap {})", deleted, this.retention,
                        (this.maxRows > 0) ? this.maxRows + " rows" : "none");
            }
        }
        catch (DataAccessException ex) {
            log.warn("Request log purge failed; retrying next interval: {}", DatabaseFailureText.describe(ex));
        }
    }
}
