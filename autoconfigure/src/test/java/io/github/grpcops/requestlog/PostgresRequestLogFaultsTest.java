package io.github.grpcops.requestlog;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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

    static final class PrivatePostgres implements Database {

        private final int port;

        private final Path dataDirectory;

        private EmbeddedPostgres server;

        PrivatePostgres() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                this.port = socket.getLocalPort();
            }
            this.dataDirectory = Files.createTempDirectory("grpc-ops-faults-pg");
        }

        @Override
        public String url() {
            return "jdbc:postgresql://localhost:" + this.port + "/postgres";
        }

        @Override
        public String username() {
            return "postgres";
        }

        @Override
        public String password() {
            return "postgres";
        }

        @Override
        public synchronized void stop() throws IOException {
            if (this.server != null) {
                this.server.close();
                this.server = null;
            }
        }

        @Override
        public synchronized void start() throws IOException {
            if (this.server == null) {
                this.server = EmbeddedPostgres.builder()
                    .setPort(this.port)
                    .setDataDirectory(this.dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            }
        }
    }
}
