package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.github.grpcops.jdbc.GrpcSchemaVariant;
import io.github.grpcops.requestlog.RequestLogStatistics.Granularity;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads at scale (issue 12): loads N generated calls (default 10,000,000) spread over the last 24
 * hours into a PostgreSQL request log with generate_series, adds their rollups through the real
 * {@link RequestStatsTable}, then times, after one warm-up, what the overview, {@code /services},
 * {@code /timeline?hours=24} and one {@code /requests} page read: after, from the rollups
 * ({@link RequestLogStatistics}, median of 5), and before, with the raw-row SQL the statistics used
 * to run ({@link RawSqlStatistics}, median of the third argument's number of runs, default 5). Then a
 * day's purge: a batch DELETE of one day's rows (default 2,000,000) against dropping that day's
 * partition. Prints Markdown tables and the sizes per row.
 *
 * <pre>
 * mvn -B -o -q -pl client,autoconfigure -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench.cp
 * java -cp autoconfigure/target/classes:autoconfigure/target/test-classes:$(cat autoconfigure/target/bench.cp) \
 *     io.github.grpcops.requestlog.RequestStatsBenchmark 10000000 2000000 5
 * </pre>
 *
 * A count of 0 skips that part. {@code GRPC_OPS_TEST_POSTGRES_URL} (with {@code _USER},
 * {@code _PASSWORD}) points it at a server of your own; otherwise it starts the tests' embedded PostgreSQL. It works in schemas of its own
 * ({@code bench_stats}, {@code bench_purge_*}), dropped and created at the start.
 */
public final class RequestStatsBenchmark {

    private static final int RUNS = 5;

    private static final String OVERVIEW = "overview (`requests` figures + `services`)";

    private static final String SERVICES = "`/services` (per service and per method)";

    private static final String TIMELINE = "`/timeline?hours=24` (hourly)";

    private static final String MINUTES = "`/timeline?hours=1&interval=minute`";

    private static final String PAGE = "one `/requests` page (50 rows and the total; raw rows both times)";

    private static final Duration DAY = Duration.ofHours(24);

    private RequestStatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = (args.length > 0) ? Long.parseLong(args[0]) : 10_000_000L;
        long purgeRows = (args.length > 1) ? Long.parseLong(args[1]) : 2_000_000L;
        int beforeRuns = (args.length > 2) ? Integer.parseInt(args[2]) : RUNS;
        if (rows > 0) {
            readsAtScale(rows, beforeRuns);
        }
        if (purgeRows > 0) {
            purges(purgeRows);
        }
    }

    /** Loads {@code rows} calls of the last day and their rollups, then times the reads. */
    private static void readsAtScale(long rows, int beforeRuns) throws Exception {
        try (HikariDataSource dataSource = LargeRequestLog.dataSource("bench_stats")) {
            JdbcTemplate sql = new JdbcTemplate(dataSource);
            System.out.printf("PostgreSQL %s (%s)%n%n", sql.queryForObject("show server_version", String.class),
                    TestPostgres.server().source());
            LargeRequestLog.createTables(dataSource, List.of());
            Instant end = Instant.now();
            long loadStart = System.nanoTime();
            LargeRequestLog.load(sql, rows, end.minus(DAY), end);
            System.out.printf("Loaded %,d rows in %.1f s; ", rows, seconds(System.nanoTime() - loadStart));
            long rollupStart = System.nanoTime();
            RequestStatsTable rollups = new RequestStatsTable(dataSource, RequestStatsTable.TABLE);
            LargeRequestLog.rollUp(dataSource, rollups);
            String count = "select count(*) from grpc_request_stats where resolution = ?";
            System.out.printf("rolled up in %.1f s: %s minute and %s hour rows%n%n",
                    seconds(System.nanoTime() - rollupStart), sql.queryForObject(count, Long.class, "minute"),
                    sql.queryForObject(count, Long.class, "hour"));
            sizes(sql);
            reads(sql, new RawSqlStatistics(dataSource, RequestLogInserter.TABLE),
                    new RequestLogStatistics(rollups, Duration.ofDays(7)), beforeRuns);
        }
    }

    /**
     * Times what each section reads, after (rollups, median of {@value #RUNS}) first, then before (raw
     * SQL, median of {@code beforeRuns}: each takes seconds to minutes), each after one warm-up.
     */
    private static void reads(JdbcTemplate sql, RawSqlStatistics before, RequestLogStatistics after,
            int beforeRuns) {
        Map<String, Supplier<Object>> afterReads = new LinkedHashMap<>();
        Map<String, Supplier<Object>> beforeReads = new LinkedHashMap<>();
        afterReads.put(OVERVIEW, () -> List.of(after.summary(DAY), after.byService(DAY)));
        beforeReads.put(OVERVIEW, () -> List.of(before.summary(DAY), before.byService(DAY)));
        afterReads.put(SERVICES, () -> List.of(after.byService(DAY), after.byMethod(DAY)));
        beforeReads.put(SERVICES, () -> List.of(before.byService(DAY), before.byMethod(DAY)));
        afterReads.put(TIMELINE, () -> after.timeline(DAY, Granularity.HOUR));
        beforeReads.put(TIMELINE, () -> before.timeline(DAY, Granularity.HOUR));
        afterReads.put(MINUTES, () -> after.timeline(Duration.ofHours(1), Granularity.MINUTE));
        beforeReads.put(MINUTES, () -> before.timeline(Duration.ofHours(1), Granularity.MINUTE));
        afterReads.put(PAGE, () -> List.of(sql.queryForList("select id, request_id, service, method, call_type, "
                + "status, grpc_status, duration_ms, messages_in, messages_out, client_ip, principal_id, "
                + "principal_name, error_message, created_at from grpc_request_log "
                + "order by created_at desc, id desc limit 50"),
                sql.queryForObject("select count(*) from grpc_request_log", Long.class)));
        Map<String, Double> afterMs = new LinkedHashMap<>();
        afterReads.forEach((name, read) -> {
            afterMs.put(name, median(read, RUNS));
            System.out.printf(Locale.ROOT, "after  %s: %.1f ms%n", name, afterMs.get(name));
        });
        Map<String, Double> beforeMs = new LinkedHashMap<>();
        beforeReads.forEach((name, read) -> {
            beforeMs.put(name, median(read, beforeRuns));
            System.out.printf(Locale.ROOT, "before %s: %.1f ms%n", name, beforeMs.get(name));
        });
        beforeMs.put(PAGE, afterMs.get(PAGE));
        System.out.printf("%n| read | before: raw rows, median of %d, ms | after: rollups, median of %d, ms "
                + "| after/before |%n", beforeRuns, RUNS);
        System.out.println("| --- | ---: | ---: | ---: |");
        afterMs.forEach((name, ms) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.4f |%n", name,
                beforeMs.get(name), ms, ms / beforeMs.get(name)));
        System.out.println();
        RequestLogStatistics.Aggregates exact = before.summary(DAY).all();
        RequestLogStatistics.Aggregates estimated = after.summary(DAY).all();
        System.out.printf("24 h figures, raw SQL against rollups: calls %d / %d, p50 %.3f / %.3f ms, "
                + "p95 %.3f / %.3f ms, p99 %.3f / %.3f ms, max %.3f / %.3f ms "
                + "(raw SQL's percentiles are percentile_cont, interpolated)%n%n", exact.calls(), estimated.calls(),
                exact.p50Ms(), estimated.p50Ms(), exact.p95Ms(), estimated.p95Ms(), exact.p99Ms(), estimated.p99Ms(),
                exact.maxMs(), estimated.maxMs());
    }

    /** One warm-up, then the median of {@code runs} timed runs, in milliseconds. */
    private static double median(Supplier<Object> read, int runs) {
        read.get();
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            read.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    /** A day's purge: DELETE in the purge's batches from a plain table against DROP of the day's partition. */
    private static void purges(long rows) throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(8);
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant cutoff = start.plus(DAY);
        System.out.println("| purge of one day | rows | seconds |");
        System.out.println("| --- | ---: | ---: |");
        try (HikariDataSource plain = LargeRequestLog.dataSource("bench_purge_delete")) {
            LargeRequestLog.createTables(plain, List.of());
            JdbcTemplate sql = new JdbcTemplate(plain);
            LargeRequestLog.load(sql, rows, start, cutoff);
            long begin = System.nanoTime();
            long deleted = BatchDeletes.of(plain, 5_000).purgeOlderThan(cutoff);
            System.out.printf(Locale.ROOT, "| DELETE, batches of 5,000 (the default) | %d | %.2f |%n", deleted,
                    seconds(System.nanoTime() - begin));
        }
        try (HikariDataSource partitioned = LargeRequestLog.dataSource("bench_purge_drop")) {
            LargeRequestLog.createTables(partitioned, List.of(new GrpcSchemaVariant("requestlog", "partitioned", "bench")));
            DailyPartitions partitions = new DailyPartitions(partitioned, RequestLogInserter.TABLE, 1);
            partitions.create(day);
            JdbcTemplate sql = new JdbcTemplate(partitioned);
            LargeRequestLog.generate(sql, rows, start, cutoff);
            sql.execute("vacuum analyze grpc_request_log");
            long begin = System.nanoTime();
            long dropped = partitions.purgeOlderThan(cutoff);
            System.out.printf(Locale.ROOT, "| DROP of the day's partition | %d (estimated) | %.2f |%n", dropped,
                    seconds(System.nanoTime() - begin));
        }
    }

    private static void sizes(JdbcTemplate sql) {
        long rows = sql.queryForObject("select count(*) from grpc_request_log", Long.class);
        long heap = sql.queryForObject("select pg_table_size('grpc_request_log')", Long.class);
        long indexes = sql.queryForObject("select pg_indexes_size('grpc_request_log')", Long.class);
        System.out.printf(Locale.ROOT, "Raw rows: table %.0f bytes/row, indexes %.0f bytes/row (%d MB + %d MB)%n",
                heap / (double) rows, indexes / (double) rows, heap >> 20, indexes >> 20);
        for (String index : sql.queryForList("select indexrelname from pg_stat_user_indexes "
                + "where relname = 'grpc_request_log' order by 1", String.class)) {
            System.out.printf(Locale.ROOT, "  %s: %d MB%n", index,
                    sql.queryForObject("select pg_relation_size(?::regclass)", Long.class, index) >> 20);
        }
        long stats = sql.queryForObject("select count(*) from grpc_request_stats", Long.class);
        System.out.printf(Locale.ROOT, "Rollups: %d rows, %.0f bytes/row with index%n%n", stats,
                sql.queryForObject("select pg_total_relation_size('grpc_request_stats')", Long.class) / (double) stats);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
