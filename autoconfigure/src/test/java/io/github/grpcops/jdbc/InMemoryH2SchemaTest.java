package io.github.grpcops.jdbc;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default: Spring Boot's in-memory H2 with its default {@code ddl-auto=create-drop}. grpc-ops'
 * scripts create its tables and Hibernate leaves them as made (their checks stay, and the capped request
 * log keeps its single index), while the application's own entity table is still Hibernate's.
 */
@SpringBootTest(classes = TablePrefixTestApplication.class,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1" })
class InMemoryH2SchemaTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCappedRequestLogIsIndexedByCreationTimeOnly() throws SQLException {
        assertThat(SchemaTables.indexes(this.dataSource, "grpc_request_log")).filteredOn(name -> name.endsWith("_idx"))
            .containsExactly("grpc_request_log_created_idx");
    }

    @Test
    void hibernateLeavesTheScriptsTablesAndCreatesTheApplicationsOwn() throws SQLException {
        // What only the scripts declare: the request log's checks, the API keys' owner index.
        assertThat(this.jdbc.queryForObject("select count(*) from information_schema.table_constraints "
                + "where lower(table_name) = 'grpc_request_log' and constraint_type = 'CHECK'", Integer.class))
            .isPositive();
        assertThat(SchemaTables.indexes(this.dataSource, "grpc_api_key")).contains("ix_grpc_api_key_owner");
        assertThat(SchemaTables.tables(this.dataSource)).contains("order_line");
    }
}
