package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.zaxxer.hikari.HikariDataSource;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.test.postgres.TestPostgres;

import io.grpc.Status;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark (a main, not a test; docs/benchmarks.md): the rows per second the request-log writers
 * sustain into the tests' real PostgreSQL, without gRPC in front. Each configuration writes a warm-up,
 * then the measured rows as fast as the queue takes them (the producer waits while the queue is full,
 * so nothing is dropped), and is timed until the last row is committed; the table is checked to hold
 * exactly the rows written.
 *
 * <pre>
 * mvn -B -o -q -pl autoconfigure test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp autoconfigure/target/classes:autoconfigure/target/test-classes:$(cat autoconfigure/target/bench.cp) \
 *     io.github.grpcops.requestlog.RequestLogWriterThroughput 100000
 * </pre>
 */
public final class RequestLogWriterThroughput {

    private RequestLogWriterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rows = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
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
            RequestLogInserter inserter = new RequestLogInserter(dataSource, RequestLogInserter.TABLE,
                    new RequestLogProperties().getWriter());
            RequestStatsRecorder stats = new RequestStatsRecorder(
                    new RequestStatsTable(dataSource, RequestStatsTable.TABLE), Duration.ofSeconds(5));
            stats.start();
            System.out.printf("PostgreSQL from %s; %d measured rows per configuration%n%n", server.source(), rows);
            System.out.println("| writer | batch size | rows | seconds | rows/s |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            for (int batchSize : new int[] { 100, 500, 2000 }) {
                measureBatching(jdbc, inserter, stats, batchSize, rows);
            }
            RequestLogProperties.Writer synchronous = new RequestLogProperties().getWriter();
            synchronous.setMode(RequestLogProperties.WriteMode.SYNCHRONOUS_BENCHMARK_REFERENCE);
            measureSynchronous(jdbc, new RequestLogInserter(dataSource, RequestLogInserter.TABLE, synchronous), stats,
                    16, rows / 5);
            stats.stop();
        }
    }

    private static void measureBatching(JdbcTemplate jdbc, RequestLogInserter inserter, RequestStatsRecorder stats,
            int batchSize, int rows) throws InterruptedException {
        RequestLogProperties.Writer settings = new RequestLogProperties.Writer();
        settings.setBatchSize(batchSize);
        settings.setQueueCapacity(20_000);
        settings.setFlushInterval(Duration.ofMillis(100));
        BatchingRequestLogWriter writer = new BatchingRequestLogWriter(inserter, settings, stats);
        writer.start();
        try {
            offer(writer, settings.getQueueCapacity(), rows / 5);
            long start = System.nanoTime();
            offer(writer, settings.getQueueCapacity(), rows);
            while (writer.counts().queued() > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            report(jdbc, "batching (async)", batchSize, rows, System.nanoTime() - start, writer.counts());
        }
        finally {
            writer.stop();
        }
    }

    /** The reference writer: one insert per call on the callers' own threads. */
    private static void measureSynchronous(JdbcTemplate jdbc, RequestLogInserter inserter, RequestStatsRecorder stats,
            int threads, int rows) throws InterruptedException {
        SynchronousRequestLogWriter writer = new SynchronousRequestLogWriter(inserter, stats);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
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
        report(jdbc, "synchronous reference, " + threads + " threads", 1, rows, System.nanoTime() - start,
                writer.counts());
    }

    private static void offer(RequestLogWriter writer, int capacity, int rows) {
        for (int i = 0; i < rows; i++) {
            while (writer.counts().queued() >= capacity) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
            }
            writer.write(entry());
        }
    }

    private static void report(JdbcTemplate jdbc, String name, int batchSize, int rows, long nanos,
            RequestLogWriterCounts counts) {
        Long inTable = jdbc.queryForObject("select count(*) from grpc_request_log", Long.class);
        if (counts.dropped() != 0 || inTable == null || inTable != counts.written()) {
            throw new IllegalStateException("Rows lost: " + counts + ", in table " + inTable);
        }
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.0f |%n", name, batchSize, rows, seconds,
                rows / seconds);
        jdbc.execute("truncate table grpc_request_log");
    }

    /** A row shaped like a unary GetUser call's. */
    private static RequestLogEntry entry() {
        return FinishedCalls.entry("bench-0123456789abcdef", "sample.v1.UserService", "GetUser", Status.Code.OK, 0.731,
                Instant.now());
    }
}
