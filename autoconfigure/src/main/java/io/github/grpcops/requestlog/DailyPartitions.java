package io.github.grpcops.requestlog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The partitioned request log (PostgreSQL, {@code grpc.request-log.partitioning=daily}): the table
 * is range-partitioned on {@code created_at} by UTC day, one partition {@code <table>_pYYYYMMDD}
 * per day. Partitions are created ahead (yesterday to {@code partitions-ahead} days from today) at
 * start and by every purge, and retention drops whole partitions whose last day is older than the
 * cutoff: no row-by-row delete, no dead rows for vacuum, no index bloat.
 */
class DailyPartitions implements RequestLogRetention {

    private static final Logger log = LoggerFactory.getLogger(DailyPartitions.class);

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;

    private final String table;

    private final int daysAhead;

    /**
     * @param table the request log's name under the configured prefix
     * @param daysAhead partitions kept ready after today
     */
    public DailyPartitions(DataSource dataSource, String table, int daysAhead) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.table = table;
        this.daysAhead = daysAhead;
    }

    /**
     * Checks that the table is partitioned, and creates the partitions from yesterday to
     * {@code daysAhead} after today; fails with what to do when the table is a plain one.
     */
    public void start() {
        String kind = this.jdbc.queryForObject("select coalesce((select c.relkind::text from pg_class c "
                + "where c.oid = to_regclass(?)), 'none')", String.class, this.table);
        if (!"p".equals(kind)) {
            throw new IllegalStateException("grpc.request-log.partitioning=daily needs " + this.table
                    + " to be a table partitioned by range of created_at, but it is "
                    + ("none".equals(kind) ? "missing" : "a plain table")
                    + ": create it with io/github/grpcops/jdbc/partitioned/schema-requestlog-postgresql.sql "
                    + "(grpc.jdbc.initialize-schema=always does) or migrate the existing table as "
                    + "docs/request-log.md describes (\"Partitioned log\")");
        }
        prepareAhead(Instant.now());
    }

    @Override
    public void prepareAhead(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(this.daysAhead)); day = day.plusDays(1)) {
            create(day);
        }
    }

    /** Creates the partition of {@code day} (UTC) unless it exists. */
    public void create(LocalDate day) {
        String partition = partitionOf(day);
        try {
            this.jdbc.execute("create table if not exists " + partition + " partition of " + this.table
                    + " for values from ('" + day + " 00:00:00+00') to ('" + day.plusDays(1) + " 00:00:00+00')");
        }
        catch (DataAccessException ex) {
            // Another instance created it in the same moment; anything else shows when it is still missing.
            if (!exists(partition)) {
                throw ex;
            }
        }
    }

    /** Drops every partition whose range ends at or before {@code cutoff}; returns their (estimated) rows. */
    @Override
    public long purgeOlderThan(Instant cutoff) {
        List<Expired> expired = this.jdbc.query("select c.relname, greatest(c.reltuples, 0)::bigint from pg_inherits i "
                + "join pg_class c on c.oid = i.inhrelid where i.inhparent = to_regclass(?) and "
                + "substring(pg_get_expr(c.relpartbound, c.oid) from 'TO \\(''([^'']+)''\\)')::timestamptz <= ? "
                + "order by 1", (rs, row) -> new Expired(rs.getString(1), rs.getLong(2)), this.table,
                cutoff.atOffset(ZoneOffset.UTC));
        long rows = 0;
        for (Expired partition : expired) {
            this.jdbc.execute("drop table if exists " + partition.name());
            log.info("Request log partition {} dropped (about {} rows)", partition.name(), partition.rows());
            rows += partition.rows();
        }
        return rows;
    }

    /** The partitions of the table, oldest first. */
    public List<String> partitions() {
        return this.jdbc.queryForList("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = to_regclass(?) order by 1", String.class, this.table);
    }

    String partitionOf(LocalDate day) {
        return this.table + "_p" + DAY.format(day);
    }

    private boolean exists(String relation) {
        return Boolean.TRUE.equals(this.jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class,
                relation));
    }

    private record Expired(String name, long rows) {
    }
}
