package io.github.grpcops.sample;

import javax.sql.DataSource;

import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample services through the app's {@code postgres} profile, on a real PostgreSQL server. */
@SpringBootTest(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0" })
@ActiveProfiles("postgres")
@Import(SampleTestConfiguration.class)
class SampleServicesPostgresTest extends SampleServicesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    DataSource dataSource;

    @Test
    void runsOnPostgres() throws Exception {
        try (var connection = this.dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
    }
}
