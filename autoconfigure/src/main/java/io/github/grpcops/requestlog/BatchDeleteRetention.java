package io.github.grpcops.requestlog;

import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes expired rows in statements of at most {@code purge.batch-size} rows: each is a short
 * transaction, so writers and readers never wait long for the table.
 */
class BatchDeleteRetention implements RequestLogRetention {

    private final JdbcTemplate jdbc;

    private final String delete;

    private final int batchSize;

    /** Deletes from {@code table} (the request log's name under the configured prefix). */
    public BatchDeleteRetention(DataSource dataSource, String table, int batchSize) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.delete = "delete from " + table + " where id in (select id from " + table + " where created_at < ? limit ?)";
        this.batchSize = batchSize;
    }

    @Override
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
}
