package io.github.grpcops.requestlog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Aggregates over the request log, computed by the database (PostgreSQL and H2 2.x share this SQL,
 * including {@code percentile_cont … within group}); no row is loaded into the JVM. Every query covers
 * the calls that started within the given window before now, and uses the {@code created_at} indexes.
 */
public class RequestLogStatistics {

    private static final String AGGREGATES = "count(*), "
            + "sum(case when status = 'success' then 1 else 0 end), "
            + "sum(case when status = 'error' then 1 else 0 end), "
            + "sum(case when status = 'cancelled' then 1 else 0 end), "
            + "sum(case when status = 'timeout' then 1 else 0 end), " + "avg(duration_ms), "
            + "percentile_cont(0.5) within group (order by duration_ms), "
            + "percentile_cont(0.95) within group (order by duration_ms), "
            + "percentile_cont(0.99) within group (order by duration_ms), max(duration_ms)";

    private final JdbcTemplate jdbc;

    private final String table;

    /** Aggregates over {@code table} (the request log's name under the configured prefix). */
    public RequestLogStatistics(DataSource dataSource, String table) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.table = table;
    }

    /** Totals by status, success rate and latency over the calls of the last {@code window}. */
    public Summary summary(Duration window) {
        Aggregates all = this.jdbc.queryForObject("select " + AGGREGATES + " from " + this.table + " where created_at >= ?",
                (rs, row) -> Aggregates.read(rs, 1), since(window));
        return new Summary(window, all);
    }

    /** The same figures per service and method, busiest first. */
    public List<MethodStatistics> byMethod(Duration window) {
        return byMethod(window, null);
    }

    /** The same figures per method of one service ({@code null}: every service), busiest first. */
    public List<MethodStatistics> byMethod(Duration window, String service) {
        return this.jdbc.query("select service, method, max(created_at), " + AGGREGATES + " from " + this.table
                + " where created_at >= ?" + serviceFilter(service)
                + " group by service, method order by count(*) desc, service, method",
                (rs, row) -> new MethodStatistics(rs.getString(1), rs.getString(2), instant(rs, 3),
                        Aggregates.read(rs, 4)),
                arguments(window, service));
    }

    /** The same figures per service, busiest first. */
    public List<ServiceStatistics> byService(Duration window) {
        return byService(window, null);
    }

    /** The same figures for one service ({@code null}: every service, busiest first). */
    public List<ServiceStatistics> byService(Duration window, String service) {
        return this.jdbc.query("select service, max(created_at), " + AGGREGATES + " from " + this.table
                + " where created_at >= ?" + serviceFilter(service) + " group by service order by count(*) desc, service",
                (rs, row) -> new ServiceStatistics(rs.getString(1), instant(rs, 2), Aggregates.read(rs, 3)),
                arguments(window, service));
    }

    /** Calls per bucket (UTC), oldest first; buckets without calls are absent. */
    public List<TimelineBucket> timeline(Duration window, Granularity granularity) {
        String bucket = "date_trunc('" + granularity.unit + "', created_at at time zone 'UTC')";
        return this.jdbc.query("select " + bucket + ", " + AGGREGATES + " from " + this.table
                + " where created_at >= ? group by " + bucket + " order by 1",
                (rs, row) -> new TimelineBucket(rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        Aggregates.read(rs, 2)),
                since(window));
    }

    private static String serviceFilter(String service) {
        return (service != null) ? " and service = ?" : "";
    }

    private static Object[] arguments(Duration window, String service) {
        return (service != null) ? new Object[] { since(window), service } : new Object[] { since(window) };
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }

    private static OffsetDateTime since(Duration window) {
        return Instant.now().minus(window).atOffset(ZoneOffset.UTC);
    }

    /** Timeline bucket size. */
    public enum Granularity {

        MINUTE("minute"), HOUR("hour"), DAY("day");

        private final String unit;

        Granularity(String unit) {
            this.unit = unit;
        }

        /** Parses {@code minute}, {@code hour} or {@code day} in any case. */
        public static Granularity of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException | NullPointerException ex) {
                throw new IllegalArgumentException("Unknown timeline granularity '" + name
                        + "': use minute, hour or day", ex);
            }
        }
    }

    /**
     * Counts and latency of a set of calls; latency figures are {@code null} when there were no calls.
     *
     * @param calls calls recorded
     * @param byStatus calls per status: success, error, cancelled, timeout
     * @param successRate successful calls over all calls (0 to 1), {@code null} without calls
     * @param averageMs mean duration
     * @param p50Ms median duration
     * @param p95Ms 95th percentile duration
     * @param p99Ms 99th percentile duration
     * @param maxMs longest duration
     */
    public record Aggregates(long calls, Map<String, Long> byStatus, Double successRate, Double averageMs,
            Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {

        static Aggregates read(ResultSet rs, int first) throws SQLException {
            long calls = rs.getLong(first);
            Map<String, Long> byStatus = new LinkedHashMap<>();
            byStatus.put("success", rs.getLong(first + 1));
            byStatus.put("error", rs.getLong(first + 2));
            byStatus.put("cancelled", rs.getLong(first + 3));
            byStatus.put("timeout", rs.getLong(first + 4));
            Double successRate = (calls > 0) ? byStatus.get("success") / (double) calls : null;
            return new Aggregates(calls, Collections.unmodifiableMap(byStatus), successRate, number(rs, first + 5),
                    number(rs, first + 6), number(rs, first + 7), number(rs, first + 8), number(rs, first + 9));
        }

        private static Double number(ResultSet rs, int column) throws SQLException {
            double value = rs.getDouble(column);
            return rs.wasNull() ? null : value;
        }
    }

    /**
     * All calls of a window.
     *
     * @param window how far back from now
     * @param all the figures
     */
    public record Summary(Duration window, Aggregates all) {
    }

    /**
     * The calls of one method.
     *
     * @param service {@code package.Service}
     * @param method {@code Method}
     * @param lastCallAt when the newest of these calls started
     * @param all the figures
     */
    public record MethodStatistics(String service, String method, Instant lastCallAt, Aggregates all) {
    }

    /**
     * The calls of one service, all methods together.
     *
     * @param service {@code package.Service}
     * @param lastCallAt when the newest of these calls started
     * @param all the figures
     */
    public record ServiceStatistics(String service, Instant lastCallAt, Aggregates all) {
    }

    /**
     * The calls that started within one bucket.
     *
     * @param start the bucket's start (UTC)
     * @param all the figures
     */
    public record TimelineBucket(Instant start, Aggregates all) {
    }
}
