package io.github.grpcops.requestlog;

import io.github.grpcops.test.postgres.RestartablePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The writer faults against a real PostgreSQL server of its own (zonky embedded binaries), stopped
 * and started on the same port and data directory.
 */
class PostgresRequestLogFaultsTest extends RequestLogFaultsTestBase {

    private static PrivatePostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = new PrivatePostgres();
        postgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.stop();
    }

    @Override
    Database database() {
        return postgres;
    }

    static final class PrivatePostgres extends RestartablePostgres implements Database {

        PrivatePostgres() throws java.io.IOException {
        }
    }
}
