package io.github.grpcops.requestlog.rollup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code grpc_request_stats}, the rollups: one row per bucket (minute or hour), service, method,
 * status and gRPC code. Rows are added to, never overwritten: in one transaction each row is locked
 * ({@code select … for update}), its stored figures and histogram merged with the new ones, and
 * written back, or inserted when absent. Every instance locks rows in primary-key order, so
 * instances sharing a minute queue behind each other instead of deadlocking; an insert that loses a
 * race with another instance's insert rolls the transaction back and is tried again, when the row
 * exists. Plain SQL, the same on PostgreSQL and H2.
 */
public class RequestStatsTable {

    /** Default name; {@code grpc.jdbc.table-prefix} changes its prefix. */
    public static final String TABLE = "grpc_request_stats";

    private static final String KEY = "resolution = ? and bucket_start = ? and service = ? and method = ? "
            + "and status = ? and grpc_status = ?";

    private static final String FIGURES = "calls, duration_sum_ms, duration_min_ms, duration_max_ms, messages_in, "
            + "bytes_in, messages_out, bytes_out, last_call_at, latency_histogram";

    private static final int ATTEMPTS = 3;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final String table;

    private final String lock;

    private final String update;

    private final String insert;

    /** Reads and writes {@code table} (the rollups' name under the configured prefix). */
    public RequestStatsTable(DataSource dataSource, String table) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.table = table;
        this.lock = "select " + FIGURES + " from " + table + " where " + KEY + " for update";
        this.update = "update " + table + " set calls = ?, duration_sum_ms = ?, duration_min_ms = ?, "
                + "duration_max_ms = ?, messages_in = ?, bytes_in = ?, messages_out = ?, bytes_out = ?, "
                + "last_call_at = ?, latency_histogram = ? where " + KEY;
        this.insert = "insert into " + table + " (" + FIGURES
                + ", resolution, bucket_start, service, method, status, grpc_status) values ("
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    public String table() {
        return this.table;
    }

    /** Adds {@code rows} to the table, all or none. */
    public void add(SortedMap<RollupKey, RollupFigures> rows) {
        for (int attempt = 1;; attempt++) {
            try {
                this.transactions.executeWithoutResult(status -> addLocked(rows));
                return;
            }
            catch (DuplicateKeyException ex) {
                // Another instance inserted one of these rows first: now it exists, lock it instead.
                if (attempt == ATTEMPTS) {
                    throw ex;
                }
            }
        }
    }

    /** Locks the rows one by one in key order, then writes the merged and the new ones in two batches. */
    private void addLocked(SortedMap<RollupKey, RollupFigures> rows) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Map.Entry<RollupKey, RollupFigures> row : rows.entrySet()) {
            List<RollupFigures> stored = this.jdbc.query(this.lock, (rs, n) -> readFigures(rs, 1),
                    keyOf(row.getKey()));
            if (stored.isEmpty()) {
                inserts.add(arguments(row.getValue(), row.getKey()));
            }
            else {
                stored.get(0).add(row.getValue());
                updates.add(arguments(stored.get(0), row.getKey()));
            }
        }
        if (!updates.isEmpty()) {
            this.jdbc.batchUpdate(this.update, updates);
        }
        if (!inserts.isEmpty()) {
            this.jdbc.batchUpdate(this.insert, inserts);
        }
    }

    /**
     * The rows of the window starting at {@code since}: minute rows up to the first whole hour, hour
     * rows after it (the current hour's included), so a window of days reads a few rows per method
     * and hour while its start stays exact to the minute. Where minute rows are no longer kept
     * ({@code since} before {@code minutesKeptSince}), the window starts at the whole hour instead.
     *
     * @param service only this service's rows, or {@code null} for all
     */
    public List<StoredRollup> window(Instant since, Instant minutesKeptSince, String service) {
        Instant firstMinute = Resolution.MINUTE.bucketOf(since);
        Instant firstHour = Resolution.HOUR.bucketOf(since);
        if (firstHour.isBefore(firstMinute) && !firstMinute.isBefore(minutesKeptSince)) {
            firstHour = firstHour.plus(Resolution.HOUR.length());
        }
        else {
            firstMinute = firstHour;
        }
        List<Object> arguments = new ArrayList<>(List.of(utc(firstMinute), utc(firstHour), utc(firstHour)));
        String filter = "";
        if (service != null) {
            filter = " and service = ?";
            arguments.add(service);
        }
        return this.jdbc.query("select resolution, bucket_start, service, method, status, grpc_status, " + FIGURES
                + " from " + this.table + " where ((resolution = 'minute' and bucket_start >= ? and bucket_start < ?)"
                + " or (resolution = 'hour' and bucket_start >= ?))" + filter,
                (rs, row) -> new StoredRollup(new RollupKey(Resolution.ofColumnValue(rs.getString(1)),
                        instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
                        readFigures(rs, 7)),
                arguments.toArray());
    }

    /** The minute rows from {@code since} on, for minute timelines. */
    public List<StoredRollup> minutes(Instant since) {
        return this.jdbc.query("select resolution, bucket_start, service, method, status, grpc_status, " + FIGURES
                + " from " + this.table + " where resolution = 'minute' and bucket_start >= ?",
                (rs, row) -> new StoredRollup(new RollupKey(Resolution.MINUTE, instant(rs, 2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)), readFigures(rs, 7)),
                utc(Resolution.MINUTE.bucketOf(since)));
    }

    /** Deletes the rows of {@code resolution} whose bucket started before {@code cutoff}; returns how many. */
    public int deleteBefore(Resolution resolution, Instant cutoff) {
        return this.jdbc.update("delete from " + this.table + " where resolution = ? and bucket_start < ?",
                resolution.columnValue(), utc(cutoff));
    }

    /** The figures' columns, then the key's, as the update and the insert take them. */
    private static Object[] arguments(RollupFigures figures, RollupKey key) {
        Object[] keyColumns = keyOf(key);
        Object[] arguments = new Object[10 + keyColumns.length];
        arguments[0] = figures.calls();
        arguments[1] = figures.durationSumMs();
        arguments[2] = figures.durationMinMs();
        arguments[3] = figures.durationMaxMs();
        arguments[4] = figures.messagesIn();
        arguments[5] = figures.bytesIn();
        arguments[6] = figures.messagesOut();
        arguments[7] = figures.bytesOut();
        arguments[8] = utc(figures.lastCallAt());
        arguments[9] = figures.histogram().toBytes();
        System.arraycopy(keyColumns, 0, arguments, 10, keyColumns.length);
        return arguments;
    }

    private static Object[] keyOf(RollupKey key) {
        return new Object[] { key.resolution().columnValue(), utc(key.bucketStart()), key.service(), key.method(),
                key.status(), key.grpcStatus() };
    }

    private static RollupFigures readFigures(ResultSet rs, int first) throws SQLException {
        return RollupFigures.of(rs.getLong(first), rs.getDouble(first + 1), rs.getDouble(first + 2),
                rs.getDouble(first + 3), rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6),
                rs.getLong(first + 7), instant(rs, first + 8), LatencyHistogram.fromBytes(rs.getBytes(first + 9)));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * A row as stored.
     *
     * @param key which calls
     * @param figures their figures
     */
    public record StoredRollup(RollupKey key, RollupFigures figures) {
    }
}
