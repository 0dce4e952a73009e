package io.github.grpcops.jdbc;

import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema scripts under each {@code grpc.jdbc.initialize-schema} mode on H2 (embedded) and
 * PostgreSQL (not embedded in Spring's sense), and the validation of {@code grpc.jdbc.table-prefix}.
 */
class GrpcJdbcAutoConfigurationTest {

    private final ApplicationContextRunner h2 = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class))
        .withPropertyValues("spring.datasource.generate-unique-name=true");

    private ApplicationContextRunner postgres(String schema) throws SQLException {
        TestPostgres.Server server = TestPostgres.server();
        return this.h2.withPropertyValues("spring.datasource.url=" + SchemaTables.emptyPostgresSchema(schema),
                "spring.datasource.username=" + server.username(), "spring.datasource.password=" + server.password());
    }

    private static Set<String> grpcOpsTables(DataSource dataSource) throws SQLException {
        return SchemaTables.tables(dataSource)
            .stream()
            .filter(name -> name.startsWith("grpc_") || name.startsWith("ops_"))
            .collect(Collectors.toSet());
    }

    @Test
    void embeddedDefaultCreatesTheTablesInH2() {
        this.h2.run(context -> assertThat(grpcOpsTables(context.getBean(DataSource.class)))
            .contains("grpc_request_log", "grpc_server_status", "grpc_api_key"));
    }

    @Test
    void neverCreatesNoTableInH2() {
        this.h2.withPropertyValues("grpc.jdbc.initialize-schema=never")
            .run(context -> assertThat(grpcOpsTables(context.getBean(DataSource.class))).isEmpty());
    }

    @Test
    void embeddedDefaultLeavesPostgresAlone() throws SQLException {
        postgres("init_mode_embedded")
            .run(context -> assertThat(grpcOpsTables(context.getBean(DataSource.class))).isEmpty());
    }

    @Test
    void alwaysCreatesTheTablesInPostgresUnderThePrefix() throws SQLException {
        postgres("init_mode_always").withPropertyValues("grpc.jdbc.initialize-schema=always", "grpc.jdbc.table-prefix=ops_")
            .run(context -> assertThat(grpcOpsTables(context.getBean(DataSource.class))).containsExactlyInAnyOrder(
                    "ops_request_log", "ops_server_status", "ops_api_key", "ops_rate_limit_bucket", "ops_request_stats",
                    "ops_job_lock"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Ops_", "ops-", "1ops_", "ops_; drop table x; --", "", "a234567890123456789012345678901x" })
    void anInvalidTablePrefixFailsStartupNamingTheProperty(String prefix) {
        this.h2.withPropertyValues("grpc.jdbc.table-prefix=" + prefix).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("grpc.jdbc.table-prefix must be")
                .hasMessageContaining("[a-z][a-z0-9_]{0,30}");
        });
    }

    @Test
    void prefixNamingBacksOffWithoutHibernate() {
        this.h2.withClassLoader(new FilteredClassLoader("org.hibernate"))
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(GrpcOpsSchemaInitializer.class)
                .doesNotHaveBean(TablePrefixHibernatePropertiesCustomizer.class));
    }
}
