package io.github.grpcops.requestlog;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

import com.zaxxer.hikari.HikariDataSource;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.test.postgres.TestPostgres;

import io.grpc.Status;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.grpcops.test.BenchmarkFigures.median;
import static io.github.grpcops.test.BenchmarkFigures.loadAverage;
import static io.github.grpcops.test.BenchmarkFigures.postgresCpuNanos;

/**
 * Benchmark (a main, not a test; docs/benchmarks.md): what the request-log writer costs per row written
 * into the tests' real PostgreSQL, without gRPC in front: rows per second, the writer thread's CPU per row
 * and PostgreSQL's CPU per row (its processes' times from {@code /proc}, Linux only), for batches written
 * with COPY (the default on PostgreSQL) and as multi-row inserts, in alternating rounds, with ratios
 * against the multi-row inserts. The producer offers rows as fast as the queue takes them (waiting while
 * it is full, so nothing is dropped); each round is timed until its last row is committed, and the
 * table is checked to hold exactly the rows written. Rows are shaped like a unary GetUser call's, each
 * with its own request id as a server makes them. Last, the synchronous reference writer for scale.
 *
 * <pre>
 * mvn -B -o -q -pl client,autoconfigure -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench.cp
 * java -cp autoconfigure/target/classes:autoconfigure/target/test-classes:$(cat autoconfigure/target/bench.cp) \
 *     io.github.grpcops.requestlog.RequestLogWriterThroughput 100000 5
 * </pre>
 */
public final class RequestLogWriterThroughput {

    private static final int BATCH_SIZE = new RequestLogProperties.Writer().getBatchSize();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RequestLogWriterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rows = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
        int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
        TestPostgres.Server server = TestPostgres.server();
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(server.jdbcUrl());
            dataSource.setUsername(server.username());
            dataSource.setPassword(server.password());
            dataSource.setMaximumPoolSize(16);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("drop table if exists grpc_request_log");
            GrpcJdbcProperties schema = new GrpcJdbcProperties();
            schema.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
            new GrpcOpsSchemaInitializer(dataSource, schema).initializeDatabase();
            RequestLogProperties.Writer settings = new RequestLogProperties().getWriter();
            Map<String, RequestLogInserter> writers = new LinkedHashMap<>();
            writers.put("multi-row inserts of " + RequestLogInserter.ROWS_PER_STATEMENT,
                    new RequestLogInserter(dataSource, RequestLogInserter.TABLE, settings, false));
            writers.put("COPY (default on PostgreSQL)",
                    new RequestLogInserter(dataSource, RequestLogInserter.TABLE, settings));
            RequestStatsRecorder stats = new RequestStatsRecorder(
                    new RequestStatsTable(dataSource, RequestStatsTable.TABLE), Duration.ofSeconds(5));
            stats.start();
            System.out.printf("PostgreSQL from %s; batches of %d; %d rows per configuration and round, %d rounds; "
                    + "load average %s%n%n", server.source(), BATCH_SIZE, rows, rounds, loadAverage());
            writers.forEach((name, inserter) -> measureBatching(jdbc, inserter, stats, rows / 5)); // warm-up
            Map<String, List<Round>> results = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, RequestLogInserter> writer : writers.entrySet()) {
                    results.computeIfAbsent(writer.getKey(), key -> new ArrayList<>())
                        .add(measureBatching(jdbc, writer.getValue(), stats, rows));
                }
            }
            report(results);
            RequestLogProperties.Writer synchronous = new RequestLogProperties().getWriter();
            synchronous.setMode(RequestLogProperties.WriteMode.SYNCHRONOUS_BENCHMARK_REFERENCE);
            Round reference = measureSynchronous(jdbc, new RequestLogInserter(dataSource, RequestLogInserter.TABLE,
                    synchronous), stats, 16, rows / 5);
            System.out.printf(Locale.ROOT, "%nSynchronous reference writer, 16 threads, one insert per row: %.0f rows/s "
                    + "(%d rows), PostgreSQL %.1f us CPU per row%n", reference.rowsPerSecond(), rows / 5,
                    reference.postgresMicrosPerRow());
            System.out.printf("load average after: %s%n", loadAverage());
            stats.stop();
        }
    }

    /** One configuration's round: its rate, CPU per row, and the writer thread's allocation per row. */
    private record Round(double rowsPerSecond, double writerMicrosPerRow, double postgresMicrosPerRow,
            double writerBytesPerRow) {
    }

    private static Round measureBatching(JdbcTemplate jdbc, RequestLogInserter inserter, RequestStatsRecorder stats,
            int rows) {
        RequestLogProperties.Writer settings = new RequestLogProperties.Writer();
        settings.setQueueCapacity(20_000);
        BatchingRequestLogWriter writer = new BatchingRequestLogWriter(inserter, settings, stats);
        writer.start();
        try {
            long writerThread = writerThreadId();
            long writerCpu = writerThreadCpuNanos(writerThread);
            long writerBytes = writerThreadAllocatedBytes(writerThread);
            long postgresCpu = postgresCpuNanos();
            long start = System.nanoTime();
            offer(writer, settings.getQueueCapacity(), rows);
            while (writer.counts().queued() > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            long nanos = System.nanoTime() - start;
            Round round = new Round(rows / (nanos / 1e9), (writerThreadCpuNanos(writerThread) - writerCpu) / 1e3 / rows,
                    (postgresCpuNanos() - postgresCpu) / 1e3 / rows,
                    (writerThreadAllocatedBytes(writerThread) - writerBytes) / (double) rows);
            check(jdbc, writer.counts());
            return round;
        }
        finally {
            writer.stop();
        }
    }

    /** The reference writer: one insert per call on the callers' own threads. */
    private static Round measureSynchronous(JdbcTemplate jdbc, RequestLogInserter inserter, RequestStatsRecorder stats,
            int threads, int rows) throws InterruptedException {
        SynchronousRequestLogWriter writer = new SynchronousRequestLogWriter(inserter, stats);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long postgresCpu = postgresCpuNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            callers.execute(() -> {
                while (next.getAndIncrement() < rows) {
                    writer.write(entry());
                }
            });
        }
        callers.shutdown();
        callers.awaitTermination(1, TimeUnit.HOURS);
        Round round = new Round(rows / ((System.nanoTime() - start) / 1e9), Double.NaN,
                (postgresCpuNanos() - postgresCpu) / 1e3 / rows, Double.NaN);
        check(jdbc, writer.counts());
        return round;
    }

    private static void offer(RequestLogWriter writer, int capacity, int rows) {
        for (int i = 0; i < rows; i++) {
            while (writer.counts().queued() >= capacity) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
            }
            writer.write(entry());
        }
    }

    private static void check(JdbcTemplate jdbc, RequestLogWriterCounts counts) {
        Long inTable = jdbc.queryForObject("select count(*) from grpc_request_log", Long.class);
        if (counts.dropped() != 0 || inTable == null || inTable != counts.written()) {
            throw new IllegalStateException("Rows lost: " + counts + ", in table " + inTable);
        }
        jdbc.execute("truncate table grpc_request_log");
    }

    private static double medianOf(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return median(rounds.stream().mapToDouble(figure).toArray());
    }

    /** Median of each figure, and its ratio against the first configuration's median. */
    private static void report(Map<String, List<Round>> results) {
        System.out.println("| writer | rows/s | writer thread CPU us/row | PostgreSQL CPU us/row | writer thread "
                + "allocation B/row | rows/s ratio | writer CPU ratio | PostgreSQL CPU ratio |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Round base = null;
        for (Map.Entry<String, List<Round>> result : results.entrySet()) {
            List<Round> rounds = result.getValue();
            Round median = new Round(medianOf(rounds, Round::rowsPerSecond),
                    medianOf(rounds, Round::writerMicrosPerRow), medianOf(rounds, Round::postgresMicrosPerRow),
                    medianOf(rounds, Round::writerBytesPerRow));
            base = (base != null) ? base : median;
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.0f | %.2f | %.2f | %.2f |%n",
                    result.getKey(), median.rowsPerSecond(), median.writerMicrosPerRow(),
                    median.postgresMicrosPerRow(), median.writerBytesPerRow(),
                    median.rowsPerSecond() / base.rowsPerSecond(),
                    median.writerMicrosPerRow() / base.writerMicrosPerRow(),
                    median.postgresMicrosPerRow() / base.postgresMicrosPerRow());
        }
    }

    private static long writerThreadCpuNanos(long thread) {
        return Math.max(0, THREADS.getThreadCpuTime(thread));
    }

    /** The bytes the writer's thread has allocated (HotSpot's per-thread count). */
    private static long writerThreadAllocatedBytes(long thread) {
        return ((com.sun.management.ThreadMXBean) THREADS).getThreadAllocatedBytes(thread);
    }

    /** The running writer's thread; fails rather than report 0 if its thread was renamed. */
    private static long writerThreadId() {
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith("grpc-ops-request-log-writer")) {
                return thread.getThreadId();
            }
        }
        throw new IllegalStateException("No grpc-ops-request-log-writer thread: was the writer's thread renamed?");
    }

    /** A row shaped like a unary GetUser call's, with a fresh request id. */
    private static RequestLogEntry entry() {
        return FinishedCalls.entry("bench-" + UUID.randomUUID(), "sample.v1.UserService", "GetUser", Status.Code.OK,
                0.731, Instant.now());
    }
}
