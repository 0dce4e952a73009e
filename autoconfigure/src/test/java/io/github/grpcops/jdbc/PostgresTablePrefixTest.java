package io.github.grpcops.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code grpc.jdbc.table-prefix} on PostgreSQL, in a schema of its own (so no other test's tables are
 * seen), with the rate-limit buckets in the database as well.
 */
@TestPropertySource(properties = { "grpc.jdbc.initialize-schema=always", "grpc.rate-limit.enabled=true",
        "grpc.rate-limit.store=jdbc", "grpc.rate-limit.default-limit.capacity=1000",
        "grpc.rate-limit.default-limit.period=1h" })
class PostgresTablePrefixTest extends TablePrefixTestBase {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws SQLException {
        String url = SchemaTables.emptyPostgresSchema("table_prefix_test");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> TestPostgres.server().username());
        registry.add("spring.datasource.password", () -> TestPostgres.server().password());
    }

    @Override
    Set<String> requestLogIndexes() {
        return SchemaTables.requestLogIndexNames("ops_");
    }

    @Test
    void rateLimitBucketsLiveInThePrefixedTable() throws SQLException {
        assertThat(SchemaTables.tables(this.dataSource)).contains("ops_rate_limit_bucket")
            .doesNotContain("grpc_rate_limit_bucket");
        assertThat(SchemaTables.indexes(this.dataSource, "ops_rate_limit_bucket"))
            .contains("ops_rate_limit_bucket_expires_at");
        EchoServiceGrpc.newBlockingStub(this.client.channel()).echo(EchoRequest.newBuilder().setText("limited").build());
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.jdbc.queryForObject("select count(*) from ops_rate_limit_bucket", Integer.class) > 0);
    }
}
