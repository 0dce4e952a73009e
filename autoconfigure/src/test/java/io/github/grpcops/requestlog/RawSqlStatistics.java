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

import io.github.grpcops.requestlog.RequestLogStatistics.Aggregates;
import io.github.grpcops.requestlog.RequestLogStatistics.Granularity;
import io.github.grpcops.requestlog.RequestLogStatistics.MethodStatistics;
import io.github.grpcops.requestlog.RequestLogStatistics.ServiceStatistics;
import io.github.grpcops.requestlog.RequestLogStatistics.Summary;
import io.github.grpcops.requestlog.RequestLogStatistics.TimelineBucket;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statistics as they were before the rollups: aggregates over the raw request-log rows, computed
 * by the database ({@code percentile_cont … within group}). Kept only as the reference the
 * benchmark ({@link RequestStatsBenchmark}) measures the rollups against; it reads every row of the
 * window, so its time grows with the traffic.
 */
final class RawSqlStatistics {

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
    RawSqlStatistics(DataSource dataSource, String table) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.table = table;
    }

    /** Totals by status, success rate and latency over the calls of the last {@code window}. */
    public Summary summary(Duration window) {
        Aggregates all = this.jdbc.queryForObject("select " + AGGREGATES + " from " + this.table + " where created_at >= ?",
                (rs, row) -> read(rs, 1), since(window));
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
                        read(rs, 4)),
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
                (rs, row) -> new ServiceStatistics(rs.getString(1), instant(rs, 2), read(rs, 3)),
                arguments(window, service));
    }

    /** Calls per bucket (UTC), oldest first; buckets without calls are absent. */
    public List<TimelineBucket> timeline(Duration window, Granularity granularity) {
        String bucket = "date_trunc('" + granularity.name().toLowerCase(Locale.ROOT) + "', created_at at time zone 'UTC')";
        return this.jdbc.query("select " + bucket + ", " + AGGREGATES + " from " + this.table
                + " where created_at >= ? group by " + bucket + " order by 1",
                (rs, row) -> new TimelineBucket(rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        read(rs, 2)),
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

    private static Aggregates read(ResultSet rs, int first) throws SQLException {
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
