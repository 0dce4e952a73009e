package io.github.grpcops.requestlog;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.jdbc.GrpcSchemaVariant;
import io.grpc.Status;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

import static io.github.grpcops.test.BenchmarkFigures.median;

/**
 * Benchmark (a main, not a test; docs/benchmarks.md): the CPU an in-memory H2 request log costs per row,
 * with the capped table's single index ({@code in-memory/schema-requestlog-h2.sql}) against the seven
 * indexes of {@code schema-requestlog-h2.sql}. Each configuration, in turn per round, gets a fresh
 * database, is filled to the 100,000-row cap, then measured over as many rows more: the request log's
 * own inserter in batches of the writer's default size, and the cap purge every 10,000 rows, all on
 * this thread (an embedded H2 works on its caller's thread), so its CPU time is the database's work.
 *
 * <pre>
 * mvn -B -o -q -pl autoconfigure test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp autoconfigure/target/classes:autoconfigure/target/test-classes:$(cat autoconfigure/target/bench.cp) \
 *     io.github.grpcops.requestlog.H2RequestLogInsertCost 5
 * </pre>
 */
public final class H2RequestLogInsertCost {

    private static final int CAP = 100_000;

    private static final int BATCH = new RequestLogProperties.Writer().getBatchSize();

    private static final int PURGE_EVERY = 10_000;

    private static final Map<String, List<GrpcSchemaVariant>> SCHEMAS = new LinkedHashMap<>();

    static {
        SCHEMAS.put("seven indexes", List.of());
        SCHEMAS.put("created_at only", List.of(new GrpcSchemaVariant("requestlog", "in-memory", "in-memory-max-rows")));
    }

    private H2RequestLogInsertCost() {
    }

    public static void main(String[] args) {
        int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
        Map<String, double[]> perRow = new LinkedHashMap<>();
        SCHEMAS.keySet().forEach(name -> perRow.put(name, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, List<GrpcSchemaVariant>> schema : SCHEMAS.entrySet()) {
                double micros = measure(schema.getValue());
                perRow.get(schema.getKey())[round] = micros;
                System.out.printf(Locale.ROOT, "round %d %-16s %.1f us/row%n", round + 1, schema.getKey(), micros);
            }
        }
        double base = median(perRow.get("seven indexes"));
        System.out.printf(Locale.ROOT,
                "%n| request-log table on H2 in memory | CPU per row (us, median of %d) | ratio |%n"
                        + "| --- | ---: | ---: |%n",
                rounds);
        perRow.forEach((name, values) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f |%n", name,
                median(values), median(values) / base));
    }

    private static double measure(List<GrpcSchemaVariant> variants) {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl("jdbc:h2:mem:insert-cost-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource.setUsername("sa");
            GrpcJdbcProperties schema = new GrpcJdbcProperties();
            schema.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
            new GrpcOpsSchemaInitializer(dataSource, schema, variants).initializeDatabase();
            RequestLogInserter inserter = new RequestLogInserter(dataSource, RequestLogInserter.TABLE,
                    new RequestLogProperties().getWriter());
            BatchDeleteRetention retention = BatchDeletes.of(dataSource,
                    new RequestLogProperties().getPurge().getBatchSize());
            try {
                write(inserter, retention, CAP);
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long start = threads.getCurrentThreadCpuTime();
                write(inserter, retention, CAP);
                return (threads.getCurrentThreadCpuTime() - start) / 1000.0 / CAP;
            }
            finally {
                inserter.destroy();
            }
        }
    }

    private static void write(RequestLogInserter inserter, BatchDeleteRetention retention, int rows) {
        for (int written = 0; written < rows; written += BATCH) {
            List<RequestLogEntry> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(entry(written + i));
            }
            inserter.insertBatch(batch);
            if ((written + BATCH) % PURGE_EVERY == 0) {
                retention.purgeBeyondNewest(CAP);
            }
        }
    }

    /** Rows of a few methods and outcomes, each with its own request id, as a server's calls would be. */
    private static RequestLogEntry entry(int i) {
        Status.Code code = (i % 50 == 0) ? Status.Code.NOT_FOUND : Status.Code.OK;
        return FinishedCalls.entry(UUID.randomUUID().toString(), "sample.v1.UserService" + (i % 3), "GetUser" + (i % 7),
                code, 0.731, Instant.now());
    }
}
