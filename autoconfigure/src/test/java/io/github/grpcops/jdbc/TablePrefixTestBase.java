package io.github.grpcops.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.ApiKeyUsageRecorder;
import io.github.grpcops.auth.apikey.CreatedApiKey;
import io.github.grpcops.auth.apikey.NewApiKey;
import io.github.grpcops.requestlog.RequestLogPurger;
import io.github.grpcops.requestlog.RequestLogStatistics;
import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.status.GrpcServerStatusRepository;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code grpc.jdbc.table-prefix=ops_} end to end: the scripts create only {@code ops_*} tables and
 * indexes, Hibernate ({@code ddl-auto=update}) leaves them as the scripts made them (it would add any
 * index the entities declare that a script leaves out, under any name) and creates the application's
 * table under its own naming strategy, grpc-ops' entities map onto the prefixed tables, and the request
 * log, statistics, purge, server status and API keys all work on them; subclasses run it on H2 and
 * PostgreSQL.
 */
@SpringBootTest(classes = TablePrefixTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.jdbc.table-prefix=ops_", "spring.jpa.hibernate.ddl-auto=update",
                "grpc.server.port=0", "grpc.server.address=127.0.0.1", "grpc.request-log.writer.flush-interval=50ms",
                "grpc.status.heartbeat-interval=500ms", "grpc.auth.api-key.usage-flush-interval=1h",
                "management.endpoints.web.exposure.include=grpc" })
abstract class TablePrefixTestBase {

    static final Set<String> OWN_TABLES = Set.of("ops_request_log", "ops_server_status", "ops_api_key",
            "ops_request_stats", "ops_job_lock");

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Autowired
    GrpcTestClient client;

    @Autowired
    RequestLogWriter writer;

    @Autowired
    RequestLogStatistics statistics;

    @Autowired
    RequestStatsRecorder recorder;

    @Autowired
    RequestLogPurger purger;

    @Autowired
    GrpcServerStatusRepository statuses;

    @Autowired
    ApiKeyManager keys;

    @Autowired
    ApiKeyUsageRecorder usage;

    @Autowired
    OrderLineRepository orderLines;

    /** The request log's indexes the platform's script creates (besides its primary key's). */
    abstract Set<String> requestLogIndexes();

    @BeforeEach
    void emptyLog() {
        await().until(() -> this.writer.counts().queued() == 0);
        this.jdbc.update("delete from ops_request_log");
    }

    @Test
    void grpcOpsTablesAndIndexesCarryThePrefixAndTheApplicationsKeepTheirNames() throws SQLException {
        Set<String> tables = SchemaTables.tables(this.dataSource);
        assertThat(tables).containsAll(OWN_TABLES).contains("order_line").noneMatch(name -> name.startsWith("grpc_"));
        for (String table : OWN_TABLES) {
            assertThat(SchemaTables.indexes(this.dataSource, table)).as("indexes of %s", table)
                .noneMatch(name -> name.contains("grpc_"));
        }
        Set<String> requestLogIndexes = SchemaTables.indexes(this.dataSource, "ops_request_log");
        assertThat(requestLogIndexes).filteredOn(name -> name.endsWith("_idx"))
            .containsExactlyInAnyOrderElementsOf(requestLogIndexes());
        assertThat(SchemaTables.indexes(this.dataSource, "ops_server_status"))
            .contains("ops_server_status_heartbeat_idx");
        assertThat(SchemaTables.indexes(this.dataSource, "ops_api_key")).contains("ix_ops_api_key_owner");
        // The application's entity: named by Spring Boot's default naming strategy, its index as declared.
        assertThat(SchemaTables.columns(this.dataSource, "order_line")).contains("unit_price", "sku");
        assertThat(SchemaTables.indexes(this.dataSource, "order_line")).contains("order_line_sku_idx");
        OrderLine saved = this.orderLines.save(new OrderLine("A-1", 250));
        assertThat(this.orderLines.findById(saved.getId())).get().extracting(OrderLine::getUnitPrice).isEqualTo(250L);
    }

    @Test
    void requestLogIsWrittenReadAggregatedAndPurgedInThePrefixedTable() {
        this.recorder.flush();
        this.jdbc.update("delete from ops_request_log");
        this.jdbc.update("delete from ops_request_stats");
        EchoServiceGrpc.EchoServiceBlockingStub echo = EchoServiceGrpc.newBlockingStub(this.client.channel());
        echo.echo(EchoRequest.newBuilder().setText("one").build());
        echo.echo(EchoRequest.newBuilder().setText("two").build());
        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> echo.echo(EchoRequest.newBuilder().setText("x").setFailWith("NOT_FOUND").build()));

        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.jdbc.queryForObject("select count(*) from ops_request_log", Integer.class) == 3);
        assertThat(this.recorder.flush()).isTrue();
        assertThat(this.jdbc.queryForObject("select sum(calls) from ops_request_stats where resolution = 'minute'",
                Integer.class)).isEqualTo(3);
        RequestLogStatistics.Aggregates all = this.statistics.summary(Duration.ofHours(1)).all();
        assertThat(all.calls()).isEqualTo(3);
        assertThat(all.byStatus()).containsEntry("success", 2L).containsEntry("error", 1L);
        Map<?, ?> requests = this.http.getForObject("/actuator/grpc/requests", Map.class);
        assertThat(requests.get("total")).isEqualTo(3);

        assertThat(this.purger.purgeOlderThan(Instant.now().plusSeconds(60))).isEqualTo(3);
        assertThat(this.jdbc.queryForObject("select count(*) from ops_request_log", Integer.class)).isZero();
    }

    @Test
    void serverStatusAndApiKeysLiveInThePrefixedTables() {
        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.jdbc.queryForObject("select count(*) from ops_server_status where status = 'running'",
                    Integer.class) == 1);
        assertThat(this.statuses.findAll()).singleElement()
            .satisfies(status -> assertThat(status.getPort()).isEqualTo(this.client.port()));

        CreatedApiKey created = this.keys.create(NewApiKey.named("prefixed"));
        Metadata headers = new Metadata();
        headers.put(API_KEY, created.secret());
        EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .echo(EchoRequest.newBuilder().setText("keyed").build());
        this.usage.flush();
        assertThat(this.jdbc.queryForObject("select request_count from ops_api_key where id = ?", Long.class,
                created.key().getId())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.jdbc.queryForObject("select count(*) from ops_request_log where api_key_id = ?",
                    Integer.class, created.key().getId().toString()) == 1);
    }
}
