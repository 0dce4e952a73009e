package io.github.grpcops.requestlog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes expired rows in statements of at most {@code purge.batch-size} rows: each is a short
 * transaction, so writers and readers never wait long for the table.
 */
class BatchDeleteRetention implements RequestLogRetention {

    private final JdbcTemplate jdbc;

    private final String deleteBefore;

    private final String deleteUpTo;

    private final String newestBeyondCap;

    private final int batchSize;

    /** Deletes from {@code table} (the request log's name under the configured prefix). */
    public BatchDeleteRetention(DataSource dataSource, String table, int batchSize) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.deleteBefore = "delete from " + table + " where id in (select id from " + table + " where created_at < ? limit ?)";
        // H2's own bounded delete: the cap applies to a database held in memory, which grpc-ops' scripts
        // create on H2 only, and it spares H2 the distinct set an "id in (select ... limit ?)" builds
        this.deleteUpTo = "delete from " + table + " where created_at <= ? fetch first ? rows only";
        // newest first, as the created_at index is ordered: H2 walks it forward, never sorts the table
        this.newestBeyondCap = "select created_at from " + table
                + " order by created_at desc offset ? rows fetch next 1 row only";
        this.batchSize = batchSize;
    }

    @Override
    public long purgeOlderThan(Instant cutoff) {
        return deleteInBatches(this.deleteBefore, cutoff.atOffset(ZoneOffset.UTC));
    }

    /**
     * Finds the newest row beyond the cap with one walk down the {@code created_at} index, then deletes it
     * and everything older in batches. (Ordering the table oldest-first for every batch instead sorted
     * every row it held and cost the embedded default more CPU than writing the rows.) Rows that
     * started in the same microsecond as that row go with it, so at most {@code maxRows} are left.
     */
    @Override
    public long purgeBeyondNewest(long maxRows) {
        List<OffsetDateTime> boundary = this.jdbc.queryForList(this.newestBeyondCap, OffsetDateTime.class, maxRows);
        return boundary.isEmpty() ? 0 : deleteInBatches(this.deleteUpTo, boundary.get(0));
    }

    private long deleteInBatches(String statement, OffsetDateTime boundary) {
        long total = 0;
        int deleted;
        do {
            deleted = this.jdbc.update(statement, boundary, this.batchSize);
            total += deleted;
        }
        while (deleted >= this.batchSize);
        return total;
    }
}
