package io.github.grpcops.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An H2 database in a file (not embedded for Spring Boot, so the scripts run with
 * {@code initialize-schema=always}): the request log has no row cap there and may hold days of calls, so
 * it keeps the index of every filter {@code /actuator/grpc/requests} offers.
 */
@SpringBootTest(classes = TablePrefixTestApplication.class,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "grpc.jdbc.initialize-schema=always",
                "spring.jpa.hibernate.ddl-auto=create-drop" })
class FileH2SchemaTest {

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void fileDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + directory.resolve("grpc-ops"));
    }

    @Autowired
    DataSource dataSource;

    @Test
    void theRequestLogOnDiskKeepsAnIndexPerFilter() throws SQLException {
        assertThat(SchemaTables.indexes(this.dataSource, "grpc_request_log")).filteredOn(name -> name.endsWith("_idx"))
            .containsExactlyInAnyOrderElementsOf(SchemaTables.requestLogIndexNames("grpc_"));
    }
}
