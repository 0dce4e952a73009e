package io.github.grpcops.status;

import io.github.grpcops.test.postgres.TestPostgres;

class PostgresServerLifecycleTest extends ServerLifecycleTestBase {

    @Override
    String[] database() {
        TestPostgres.Server server = TestPostgres.server();
        return new String[] { server.jdbcUrl(), server.username(), server.password() };
    }
}
