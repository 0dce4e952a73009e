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

    private final String count;

    private final String deleteOldest;

    private final int batchSize;

    /** Deletes from {@code table} (the request log's name under the configured prefix). */
    public BatchDeleteRetention(DataSource dataSource, String table, int batchSize) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.delete = "delete from " + table + " where id in (select id from " + table + " where created_at < ? limit ?)";
        this.count = "select count(*) from " + table;
        this.deleteOldest = "delete from " + table + " where id in (select id from " + table
                + " order by created_at limit ?)";
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

    @Override
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
}
