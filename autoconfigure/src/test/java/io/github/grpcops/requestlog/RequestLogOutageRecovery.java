package io.github.grpcops.requestlog;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.test.postgres.RestartablePostgres;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Measures how long the batching writer takes to write again after PostgreSQL comes back from an outage,
 * with every default: the writer's (backoff 200 ms doubling to 30 s, connect timeout 5 s) and Hikari's
 * (30 s connection timeout). Rows arrive at 200 a second throughout; per outage length it reports the
 * failed attempts and dropped rows during the outage, then the time from the database accepting
 * connections again to the first batch written and to the queue drained. Run (numbers in
 * docs/request-log.md):
 *
 * <pre>
 * mvn -B -q -pl client,autoconfigure -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench.cp
 * java -cp autoconfigure/target/classes:autoconfigure/target/test-classes:$(cat autoconfigure/target/bench.cp) \
 *     io.github.grpcops.requestlog.RequestLogOutageRecovery
 * </pre>
 */
public final class RequestLogOutageRecovery {

    private RequestLogOutageRecovery() {
    }

    public static void main(String[] args) throws Exception {
        RestartablePostgres postgres = new RestartablePostgres();
        postgres.start();
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(postgres.url());
            dataSource.setUsername(postgres.username());
            dataSource.setPassword(postgres.password());
            GrpcJdbcProperties schema = new GrpcJdbcProperties();
            schema.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
            new GrpcOpsSchemaInitializer(dataSource, schema).initializeDatabase();
            RequestLogProperties.Writer settings = new RequestLogProperties().getWriter();
            RequestLogInserter inserter = new RequestLogInserter(dataSource, RequestLogInserter.TABLE, settings);
            // Rows are counted in the rollups as in the application; this measurement never flushes them.
            RequestStatsRecorder stats = new RequestStatsRecorder(
                    new RequestStatsTable(dataSource, RequestStatsTable.TABLE), null);
            BatchingRequestLogWriter writer = new BatchingRequestLogWriter(inserter, settings, stats);
            writer.start();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread load = new Thread(() -> {
                while (running.get()) {
                    writer.write(FinishedCalls.entry("recovery-" + System.nanoTime(), "sample.v1.UserService"));
                    sleep(5);
                }
            }, "recovery-load");
            load.start();
            System.out.println("| outage | failed attempts | rows dropped (queue full) | first batch after restart | "
                    + "queue drained after restart |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: |");
            try {
                for (int seconds : new int[] { 5, 20, 60 }) {
                    measure(postgres, writer, Duration.ofSeconds(seconds));
                }
            }
            finally {
                running.set(false);
                load.join();
                writer.stop();
                inserter.destroy();
            }
        }
        finally {
            postgres.stop();
        }
    }

    private static void measure(RestartablePostgres postgres, BatchingRequestLogWriter writer, Duration outage)
            throws Exception {
        sleep(3_000); // steady state: the queue near empty
        RequestLogWriterCounts before = writer.counts();
        postgres.stop();
        sleep(outage.toMillis());
        RequestLogWriterCounts down = writer.counts();
        postgres.start();
        long restarted = System.nanoTime();
        long written = writer.counts().written();
        while (writer.counts().written() == written) {
            sleep(10);
        }
        long firstBatch = System.nanoTime() - restarted;
        while (writer.counts().queued() > 200) {
            sleep(10);
        }
        long drained = System.nanoTime() - restarted;
        System.out.printf(Locale.ROOT, "| %d s | %d | %d | %.1f s | %.1f s |%n", outage.toSeconds(),
                down.failedBatches() - before.failedBatches(), down.droppedQueueFull() - before.droppedQueueFull(),
                firstBatch / 1e9, drained / 1e9);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
