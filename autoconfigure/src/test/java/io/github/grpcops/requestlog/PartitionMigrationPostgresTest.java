package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.jdbc.GrpcSchemaVariant;
import io.github.grpcops.jdbc.SchemaTables;
import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration docs/request-log.md gives for an existing plain table ("Moving an existing table to
 * partitions"), statement by statement on a real PostgreSQL: the old rows stay readable as one
 * partition, new days get partitions of their own, and the purge drops the old table whole once its
 * last day has expired.
 */
class PartitionMigrationPostgresTest {

    @Test
    void thePlainTableBecomesOnePartitionThatThePurgeDropsWhole() throws Exception {
        TestPostgres.Server server = TestPostgres.server();
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                SchemaTables.emptyPostgresSchema("partition_migration"), server.username(), server.password(), true);
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        try {
            initialize(dataSource, List.of());
            LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(20);
            LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            sql.update("insert into grpc_request_log (id, request_id, service, method, full_method, call_type, status, "
                    + "grpc_status, duration_ms, messages_in, bytes_in, messages_out, bytes_out, authenticated, "
                    + "created_at, completed_at) select gen_random_uuid(), 'before-' || n, 's.S', 'M', 's.S/M', "
                    + "'UNARY', 'success', 'OK', 1, 1, 1, 1, 1, false, ? + n * interval '1 hour', "
                    + "? + n * interval '1 hour' "
                    + "from generate_series(0, 99) n", first.atStartOfDay().atOffset(ZoneOffset.UTC),
                    first.atStartOfDay().atOffset(ZoneOffset.UTC));

            sql.execute("alter table grpc_request_log rename to grpc_request_log_old");
            sql.execute("alter table grpc_request_log_old rename constraint grpc_request_log_pkey "
                    + "to grpc_request_log_old_pkey");
            for (String index : List.of("created", "method", "status", "request_id", "trace_id", "principal_id",
                    "principal_name")) {
                sql.execute("alter index grpc_request_log_" + index + "_idx "
                        + "rename to grpc_request_log_old_" + index + "_idx");
            }
            initialize(dataSource, List.of(new GrpcSchemaVariant("requestlog", "partitioned", "migration")));
            DailyPartitions partitions = new DailyPartitions(dataSource, "grpc_request_log", 3);
            partitions.start();
            sql.execute("alter table grpc_request_log_old drop constraint grpc_request_log_old_pkey, "
                    + "add primary key (id, created_at)");
            sql.execute("alter table grpc_request_log attach partition grpc_request_log_old for values from ('" + first
                    + " 00:00:00+00') to ('" + yesterday + " 00:00:00+00')");

            assertThat(sql.queryForObject("select count(*) from grpc_request_log where request_id like 'before-%'",
                    Long.class)).isEqualTo(100);
            assertThat(partitions.partitions()).contains("grpc_request_log_old", partitions.partitionOf(yesterday));
            assertThat(partitions.purgeOlderThan(Instant.now().minus(Duration.ofDays(7))))
                .as("its last day is within the retention").isZero();
            partitions.purgeOlderThan(yesterday.atStartOfDay().toInstant(ZoneOffset.UTC));
            assertThat(partitions.partitions()).doesNotContain("grpc_request_log_old");
            assertThat(sql.queryForObject("select count(*) from grpc_request_log", Long.class)).isZero();
        }
        finally {
            sql.execute("drop schema partition_migration cascade");
            dataSource.destroy();
        }
    }

    private static void initialize(DataSource dataSource, List<GrpcSchemaVariant> variants) {
        GrpcJdbcProperties jdbc = new GrpcJdbcProperties();
        jdbc.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        jdbc.setPlatform("postgresql");
        new GrpcOpsSchemaInitializer(dataSource, jdbc, variants).initializeDatabase();
    }
}
