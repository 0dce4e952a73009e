package io.github.grpcops.jdbc;

import java.util.UUID;

import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.StartupFailures;
import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL (not an embedded database) without {@code grpc.jdbc.initialize-schema=always}, the
 * application does not start and then fail every row, heartbeat and key lookup: the start stops with
 * the tables each switched-on feature needs, the setting that creates them and the scripts it runs.
 * Each test gets an empty schema of its own on the shared test server.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingTablesStartupTest {

    private final String schema = "missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private JdbcTemplate admin;

    @BeforeEach
    void createEmptySchema() {
        TestPostgres.Server server = TestPostgres.server();
        this.admin = new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(), server.username(),
                server.password()));
        this.admin.execute("create schema " + this.schema);
    }

    @AfterEach
    void dropSchema() {
        this.admin.execute("drop schema " + this.schema + " cascade");
    }

    @Test
    void missingTablesStopTheStartNamingEachTableTheSettingAndTheScripts(CapturedOutput output) {
        StartupFailures.failToStart(application());
        StartupFailures.assertReported(output, "grpc-ops' tables are missing from the application's "
                + "database: ", "Set grpc.jdbc.initialize-schema=always to let grpc-ops create them at start-up");
        assertThat(output).contains("the request log needs the table grpc_request_log")
            .contains("server status needs the table grpc_server_status")
            .contains("API keys needs the table grpc_api_key")
            .contains("the request log (its rollups) needs the table grpc_request_stats")
            .contains("the job lock (each purge on one instance of the fleet) needs the table grpc_job_lock")
            .contains("grpc.jdbc.initialize-schema is 'embedded', so grpc-ops creates its tables only in an embedded "
                    + "database, and this one (postgresql) is not.")
            .contains("classpath:io/github/grpcops/jdbc/schema-requestlog-postgresql.sql")
            .contains("classpath:io/github/grpcops/jdbc/schema-status-postgresql.sql")
            .contains("classpath:io/github/grpcops/jdbc/schema-apikey-postgresql.sql")
            .contains("classpath:io/github/grpcops/jdbc/schema-requeststats-postgresql.sql")
            .contains("classpath:io/github/grpcops/jdbc/schema-jobs-postgresql.sql")
            .contains("grpc.request-log.enabled=false")
            .contains("grpc.status.enabled=false")
            .contains("grpc.auth.api-key.enabled=false");
    }

    @Test
    void onlyTheTablesOfSwitchedOnFeaturesAreRequired(CapturedOutput output) {
        StartupFailures.failToStart(application(), "--grpc.status.enabled=false",
                "--grpc.auth.api-key.enabled=false");
        assertThat(output).contains("the request log needs the table grpc_request_log;")
            .contains("the request log (its rollups) needs the table grpc_request_stats")
            .doesNotContain("grpc_server_status")
            .doesNotContain("grpc_api_key");
    }

    @Test
    void withInitializeSchemaAlwaysTheSameApplicationStarts() {
        try (ConfigurableApplicationContext app = application().properties("grpc.server.port=0",
                "grpc.server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off")
            .run("--grpc.jdbc.initialize-schema=always")) {
            assertThat(this.admin.queryForList("select table_name from information_schema.tables where table_schema = ?",
                    String.class, this.schema)).contains("grpc_request_log", "grpc_request_stats", "grpc_job_lock", "grpc_server_status",
                    "grpc_api_key");
        }
    }

    private SpringApplicationBuilder application() {
        TestPostgres.Server server = TestPostgres.server();
        String url = server.jdbcUrl() + (server.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
        return new SpringApplicationBuilder(EchoTestApplication.class).properties("spring.datasource.url=" + url,
                "spring.datasource.username=" + server.username(), "spring.datasource.password=" + server.password());
    }
}
