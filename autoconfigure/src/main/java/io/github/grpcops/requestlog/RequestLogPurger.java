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
 */
public class RequestLogPurger extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(RequestLogPurger.class);

    private final JdbcTemplate jdbc;

    private final String delete;

    private final Duration retention;

    private final int batchSize;

    private final Duration interval;

    /** Purges {@code table} (the request log's name under the configured prefix). */
    public RequestLogPurger(DataSource dataSource, String table, RequestLogProperties properties) {
        super("request-log-purge", LifecyclePhases.JOBS);
        this.jdbc = new JdbcTemplate(dataSource);
        this.delete = "delete from " + table + " where id in (select id from " + table + " where created_at < ? limit ?)";
        this.retention = properties.getRetention();
        this.batchSize = properties.getPurge().getBatchSize();
        this.interval = properties.getPurge().getInterval();
    }

    @Override
    protected void onStart() {
        if (!this.retention.isZero() && !this.retention.isNegative()) {
            repeat(this::purgeQuietly, this.interval, this.interval);
        }
    }

    /** Deletes every row that started before now minus the retention; returns how many. */
    public long purge() {
        return purgeOlderThan(Instant.now().minus(this.retention));
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
                log.info("Request log purge deleted {} rows older than {}", deleted, this.retention);
            }
        }
        catch (DataAccessException ex) {
            log.warn("Request log purge failed; retrying next interval: {}", DatabaseFailureText.describe(ex));
        }
    }
}
