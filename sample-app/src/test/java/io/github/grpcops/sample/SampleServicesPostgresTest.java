package io.github.grpcops.sample;

import java.net.URI;

import javax.sql.DataSource;

import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample services through the app's {@code postgres} profile, on a real PostgreSQL server. The test
 * supplies only the profile's {@code POSTGRES_*} variables (as properties, which Spring resolves like
 * environment variables), never {@code spring.datasource.*}: the profile's own mapping connects.
 */
@SpringBootTest(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0" })
@ActiveProfiles("postgres")
@Import(SampleTestConfiguration.class)
class SampleServicesPostgresTest extends SampleServicesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("POSTGRES_HOST", () -> location().getHost());
        registry.add("POSTGRES_PORT", () -> location().getPort());
        registry.add("POSTGRES_DB", () -> location().getPath().substring(1));
        registry.add("POSTGRES_USER", () -> TestPostgres.server().username());
        registry.add("POSTGRES_PASSWORD", () -> TestPostgres.server().password());
    }

    /** Host, port and database of the shared server, from its JDBC url ({@code jdbc:postgresql://host:port/db?…}). */
    private static URI location() {
        return URI.create(TestPostgres.server().jdbcUrl().substring("jdbc:".length()));
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @Test
    void postgresProfileConnectsWithThePostgresVariables() throws Exception {
        URI server = location();
        assertThat(this.environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://"
                + server.getHost() + ":" + server.getPort() + server.getPath());
        try (var connection = this.dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getMetaData().getUserName()).isEqualTo(TestPostgres.server().username());
            assertThat(connection.getCatalog()).isEqualTo(server.getPath().substring(1));
        }
    }
}
