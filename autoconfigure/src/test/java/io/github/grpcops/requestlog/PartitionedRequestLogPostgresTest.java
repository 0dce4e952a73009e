package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.postgres.TestPostgres;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The partitioned request log on a real PostgreSQL ({@code grpc.request-log.partitioning=daily}): the
 * script creates a table partitioned by day, the application creates yesterday's to three days ahead
 * at start, calls land in today's partition and are found by id and request id through JPA, and the
 * purge drops an expired day whole while the others stay. A plain table, or H2, fails at start with
 * what to do.
 */
@EchoServerTest(properties = { "grpc.jdbc.initialize-schema=always", "grpc.jdbc.table-prefix=part_",
        "grpc.request-log.partitioning=daily", "grpc.request-log.writer.flush-interval=50ms" })
@Import(TestPostgres.DataSource.class)
class PartitionedRequestLogPostgresTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    GrpcRequestLogRepository rows;

    @Autowired
    RequestLogPurger purger;

    @Autowired
    DailyPartitions partitions;

    @Autowired
    DataSource dataSource;

    @Test
    void callsLandInTodaysPartitionAndAreFoundByIdAndRequestId() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(this.partitions.partitions()).contains(this.partitions.partitionOf(today.minusDays(1)),
                this.partitions.partitionOf(today), this.partitions.partitionOf(today.plusDays(3)));
        for (MethodType type : List.of(MethodType.UNARY, MethodType.CLIENT_STREAMING, MethodType.SERVER_STREAMING,
                MethodType.BIDI_STREAMING)) {
            assertThat(EchoCall.complete(this.client.channel(), type, "partitioned-" + type, EchoCalls.text("p"))
                .status()
                .isOk()).isTrue();
        }
        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.rows.findByRequestIdOrderByCreatedAtDesc("partitioned-BIDI_STREAMING").size() == 1);
        GrpcRequestLog row = this.rows.findByRequestIdOrderByCreatedAtDesc("partitioned-UNARY").get(0);
        assertThat(this.rows.findById(row.getId())).get().extracting(GrpcRequestLog::getRequestId)
            .isEqualTo("partitioned-UNARY");
        assertThat(new JdbcTemplate(this.dataSource).queryForObject("select count(*) from "
                + this.partitions.partitionOf(today) + " where request_id like 'partitioned-%'", Long.class))
            .isEqualTo(4);
    }

    @Test
    void purgeDropsExpiredDaysWholeAndKeepsTheRest() {
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusDays(10);
        this.partitions.create(old);
        JdbcTemplate sql = new JdbcTemplate(this.dataSource);
        sql.update("insert into part_request_log (id, request_id, service, method, full_method, call_type, status, "
                + "grpc_status, duration_ms, messages_in, bytes_in, messages_out, bytes_out, authenticated, created_at, "
                + "completed_at) select gen_random_uuid(), 'old-' || n, 's.S', 'M', 's.S/M', 'UNARY', 'success', 'OK', "
                + "1, 1, 1, 1, 1, false, ? + n * interval '1 second', ? + n * interval '1 second' "
                + "from generate_series(1, 50) n", old.atStartOfDay().atOffset(ZoneOffset.UTC),
                old.atStartOfDay().atOffset(ZoneOffset.UTC));
        sql.execute("analyze " + this.partitions.partitionOf(old));
        List<String> before = this.partitions.partitions();

        this.purger.purge();

        assertThat(this.partitions.partitions()).doesNotContain(this.partitions.partitionOf(old))
            .containsAll(before.stream().filter(name -> !name.equals(this.partitions.partitionOf(old))).toList());
        assertThat(sql.queryForObject("select count(*) from part_request_log where request_id like 'old-%'",
                Long.class)).isZero();
        assertThat(this.partitions.purgeOlderThan(Instant.now().minus(Duration.ofDays(7))))
            .as("nothing else expired").isZero();
    }

    @Test
    void aPlainTableOrH2FailsTheStartWithWhatToDo() {
        TestPostgres.Server postgres = TestPostgres.server();
        DataSource plain = new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.postgresql.Driver(),
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        GrpcJdbcProperties jdbc = new GrpcJdbcProperties();
        jdbc.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        jdbc.setTablePrefix("plainpart_");
        new GrpcOpsSchemaInitializer(plain, jdbc).initializeDatabase();
        assertThatThrownBy(() -> start("--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(), "--grpc.jdbc.table-prefix=plainpart_",
                "--grpc.jdbc.initialize-schema=never").close())
            .rootCause()
            .hasMessageContaining("plainpart_request_log to be a table partitioned by range of created_at, "
                    + "but it is a plain table")
            .hasMessageContaining("docs/request-log.md");
        assertThatThrownBy(() -> start("--spring.datasource.url=jdbc:h2:mem:partitioned-h2").close()).rootCause()
            .hasMessageContaining("grpc.request-log.partitioning=daily is not available on h2");
    }

    private static org.springframework.context.ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 3];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = "--grpc.request-log.partitioning=daily";
        all[arguments.length + 1] = "--grpc.server.port=0";
        all[arguments.length + 2] = "--spring.main.banner-mode=off";
        return new SpringApplicationBuilder(EchoTestApplication.class).web(WebApplicationType.NONE).run(all);
    }
}
