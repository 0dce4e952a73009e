package io.github.grpcops.test.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private PostgreSQL server (zonky embedded binaries) that a fault test stops and starts again on
 * the same port and data directory, so clients see it go away and come back with its data. Unlike
 * {@link TestPostgres}, never shared: stopping it disturbs no other test. As a JUnit extension
 * ({@code @RegisterExtension static final RestartablePostgres postgres = RestartablePostgres.create();})
 * it starts before the test class and stops after it.
 */
public class RestartablePostgres implements BeforeAllCallback, AfterAllCallback {

    private final int port;

    private final Path dataDirectory;

    private EmbeddedPostgres server;

    public RestartablePostgres() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.dataDirectory = Files.createTempDirectory("grpc-ops-faults-pg");
    }

    /** A server for a test class to register as an extension. */
    public static RestartablePostgres create() {
        try {
            return new RestartablePostgres();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + this.port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public synchronized void stop() throws IOException {
        if (this.server != null) {
            this.server.close();
            this.server = null;
        }
    }

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
