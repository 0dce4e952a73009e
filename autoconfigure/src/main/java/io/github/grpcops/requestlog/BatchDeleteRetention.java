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

    private final String newestBeyondCap;

    private final String count;

    private final String deleteAt;

    private final int batchSize;

    /**
     * Deletes from {@code table} (the request log's name under the configured prefix).
     * @param onH2 whether the database is H2, which has a bounded delete of its own: it spares H2 the
     *     distinct set of ids the portable {@code id in (select ... limit ?)} builds for every batch
     */
    BatchDeleteRetention(DataSource dataSource, String table, int batchSize, boolean onH2) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.deleteBefore = onH2
                ? "delete from " + table + " where created_at < ? fetch first ? rows only"
                : "delete from " + table + " where id in (select id from " + table + " where created_at < ? limit ?)";
        // newest first, as the created_at index is ordered: H2 walks it forward, never sorts the table
        this.newestBeyondCap = "select created_at from " + table
                + " order by created_at desc offset ? rows fetch next 1 row only";
        this.count = "select count(*) from " + table;
        // the portable form: rows tied at the boundary are few, so H2's distinct set of their ids is small
        this.deleteAt = "delete from " + table + " where id in (select id from " + table
                + " where created_at = ? limit ?)";
        this.batchSize = batchSize;
    }

    @Override
    public long purgeOlderThan(Instant cutoff) {
        return deleteBefore(cutoff.atOffset(ZoneOffset.UTC));
    }

    /**
     * Finds the newest row beyond the cap with one walk down the {@code created_at} index and deletes
     * every older row in batches, then as many rows of that row's microsecond as still exceed the cap.
     * (Ordering the table oldest-first for every batch instead sorted every row it held and cost the
     * embedded default more CPU than writing the rows.)
     */
    @Override
    public long purgeBeyondNewest(long maxRows) {
        if (rows() <= maxRows) {
            return 0; // H2 keeps the count at hand: no walk down the index while the table is within the cap
        }
        List<OffsetDateTime> boundary = this.jdbc.queryForList(this.newestBeyondCap, OffsetDateTime.class, maxRows);
        if (boundary.isEmpty()) {
            return 0; // another purge deleted rows since the count
        }
        OffsetDateTime at = boundary.get(0);
        long deleted = deleteBefore(at);
        // what is left is the boundary's microsecond and newer
        long excess = rows() - maxRows;
        while (excess > 0) {
            int tied = this.jdbc.update(this.deleteAt, at, (int) Math.min(excess, this.batchSize));
            if (tied == 0) {
                break;
            }
            deleted += tied;
            excess -= tied;
        }
        return deleted;
    }

    private long rows() {
        Long rows = this.jdbc.queryForObject(this.count, Long.class);
        return (rows != null) ? rows : 0;
    }

    private long deleteBefore(OffsetDateTime boundary) {
        long total = 0;
        int deleted;
        do {
            deleted = this.jdbc.update(this.deleteBefore, boundary, this.batchSize);
            total += deleted;
        }
        while (deleted >= this.batchSize);
        return total;
    }
}
