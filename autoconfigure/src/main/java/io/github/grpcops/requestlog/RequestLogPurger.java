package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes request-log rows older than {@code grpc.request-log.retention}, every
 * {@code purge.interval}, in statements of at most {@code purge.batch-size} rows: each is a short
 * transaction, so writers and readers never wait long for the table. A zero retention keeps rows forever.
 * In a database held in memory it also keeps at most {@code in-memory-max-rows} rows, the newest, and
 * runs at least every {@value #IN_MEMORY_INTERVAL_SECONDS} seconds, so the log never fills the heap.
 */
public class RequestLogPurger implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RequestLogPurger.class);

    private final JdbcTemplate jdbc;

    private final String delete;

    private final Duration retention;

    private final int batchSize;

    private final ScheduledExecutorService scheduler;

    static final long IN_MEMORY_INTERVAL_SECONDS = 10;

    private final long maxRows;

    private final String count;

    private final String deleteOldest;

    /**
     * Purges {@code table} (the request log's name under the configured prefix); {@code maxRows} above zero
     * caps the rows kept (for a database held in memory).
     */
    public RequestLogPurger(DataSource dataSource, String table, RequestLogProperties properties, long maxRows) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.delete = "delete from " + table + " where id in (select id from " + table + " where created_at < ? limit ?)";
        this.count = "select count(*) from " + table;
        this.deleteOldest = "delete from " + table + " where id in (select id from " + table
                + " order by created_at limit ?)";
        this.retention = properties.getRetention();
        this.batchSize = properties.getPurge().getBatchSize();
        this.maxRows = maxRows;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "grpc-request-log-purge");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.getPurge().getInterval().toMillis();
        if (maxRows > 0) {
            interval = Math.min(interval, TimeUnit.SECONDS.toMillis(IN_MEMORY_INTERVAL_SECONDS));
        }
        if (!this.retention.isZero() || maxRows > 0) {
            this.scheduler.scheduleWithFixedDelay(this::purgeQuietly, interval, interval, TimeUnit.MILLISECONDS);
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
            log.warn("Request log purge failed; retrying next interval: {}", ex.getMostSpecificCause().toString());
        }
    }

    @Override
    public void destroy() {
        this.scheduler.shutdownNow();
    }
}
