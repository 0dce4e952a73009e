package io.github.grpcops.test.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestPostgresTest {

    @Test
    void providesARealPostgresServer() throws Exception {
        TestPostgres.Server server = TestPostgres.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
                server.password()); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
        }
    }
}
