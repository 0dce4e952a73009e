package io.github.grpcops.requestlog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.grpcops.auth.apikey.ApiKeyAuthenticator;
import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.NewApiKey;
import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.github.grpcops.test.postgres.RestartablePostgres;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No row value, payload or credential in the server log on any failure path of the request-log writer,
 * its purge, the statistics, the status tracker and the API-key usage flush, against a real PostgreSQL
 * server: a poison row, a connection broken in the middle of a batch insert, and the database stopped
 * while calls carrying known values keep coming. The whole captured log of the application (grpc-ops'
 * lines, the connection pool's, Hibernate's, the web server's) is then searched for those values.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureLogHygieneTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RestartablePostgres postgres = RestartablePostgres.create();

    private final String token = UUID.randomUUID().toString().replace("-", "");

    @Test
    void failurePathsLogNeitherRowValuesNorPayloadsNorSecrets(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            String secret = app.getBean(ApiKeyManager.class)
                .create(new NewApiKey("hygiene", null, "service", "owner-" + this.token, null, null))
                .secret();
            slowInsertsOf("slow-" + this.token);
            GrpcTestClient client = app.getBean(GrpcTestClient.class);
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", client.port())
                .usePlaintext()
                .userAgent("agent-" + this.token)
                .build();
            RequestLogWriter writer = app.getBean(RequestLogWriter.class);
            try {
                for (int i = 0; i < 5; i++) {
                    call(channel, secret, "rid-" + this.token + "-" + i);
                }
                // A connection broken while it inserts a batch: its rows' values must not reach the log.
                call(channel, secret, "slow-" + this.token);
                terminateTheSleepingInsert();
                await().atMost(WAIT).until(() -> writer.counts().failedBatches() >= 1);

                // A row the database refuses, in a batch with others.
                writer.write(FinishedCalls.entry("poison-" + this.token, null));
                writer.write(FinishedCalls.entry("beside-poison-" + this.token, "test.Service"));
                await().atMost(WAIT).until(() -> writer.counts().droppedRejected() >= 1);

                // The database stopped while calls (and the background work) go on.
                postgres.stop();
                for (int i = 0; i < 20; i++) {
                    call(channel, secret, "down-" + this.token + "-" + i);
                }
                int httpPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                assertThat(get(httpPort, "/actuator/grpc/requests")).isNotEqualTo(200);
                assertThat(get(httpPort, "/actuator/grpc/services")).isNotEqualTo(200);
                await().atMost(WAIT).until(() -> output.getAll().contains("Could not write API key usage")
                        && output.getAll().contains("Could not write the gRPC server status")
                        && output.getAll().contains("Request log purge failed")
                        && output.getAll().contains("Database unavailable for the request log"));
            }
            finally {
                postgres.start();
                channel.shutdownNow();
            }
            await().atMost(WAIT).until(() -> writer.counts().queued() == 0);
            // The embedded PostgreSQL server's own log is relayed into the output: it is the database's, not ours.
            List<String> lines = output.getAll().lines().filter(line -> !line.contains("EmbeddedPostgres")).toList();
            assertThat(lines).as("the log names no value of a row, payload or credential")
                .noneMatch(line -> line.contains(this.token))
                .noneMatch(line -> line.contains(secret))
                .noneMatch(line -> line.contains("Failing row contains"));
            assertThat(lines).as("a failure line of each path was written")
                .anyMatch(line -> line.contains("Database refused a request-log row"))
                // The terminated backend: a COPY learns of it as a broken connection (08006), an insert as 57P01.
                .anyMatch(line -> line.contains("Database unavailable for the request log")
                        && (line.contains("SQLState 08006") || line.contains("SQLState 57P01")));
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(EchoTestApplication.class)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off", "spring.datasource.url=" + postgres.url(),
                    "spring.datasource.username=" + postgres.username(),
                    "spring.datasource.password=" + postgres.password(), "grpc.jdbc.initialize-schema=always",
                    "spring.jpa.hibernate.ddl-auto=none", "spring.datasource.hikari.connection-timeout=1000",
                    // The console log prints request ids by design: off, so any id in the log came from a failure.
                    "grpc.console-log.enabled=false",
                    "grpc.request-log.payloads.methods=grpcops.test.v1.EchoService/*",
                    "grpc.request-log.writer.flush-interval=50ms", "grpc.request-log.writer.batch-size=10",
                    "grpc.request-log.writer.retry-initial-backoff=100ms",
                    "grpc.request-log.writer.retry-max-backoff=500ms", "grpc.request-log.purge.interval=300ms",
                    "grpc.status.heartbeat-interval=300ms", "grpc.auth.api-key.usage-flush-interval=300ms",
                    "management.endpoints.web.exposure.include=grpc")
            .run();
    }

    private void call(ManagedChannel channel, String apiKey, String requestId) {
        Metadata headers = new Metadata();
        headers.put(ApiKeyAuthenticator.HEADER, apiKey);
        headers.put(RequestIds.HEADER, requestId);
        String reply = EchoServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .echo(EchoCalls.text("payload-" + this.token))
            .getText();
        assertThat(reply).isEqualTo("payload-" + this.token);
    }

    /** A trigger that holds inserts (a COPY's rows too) of {@code requestId} for three seconds, long enough to break their connection. */
    private static void slowInsertsOf(String requestId) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create or replace function grpc_ops_test_slow() returns trigger as $$ begin "
                    + "if new.request_id = '" + requestId + "' then perform pg_sleep(3); end if; return new; end "
                    + "$$ language plpgsql");
            statement.execute("drop trigger if exists grpc_ops_test_slow on grpc_request_log");
            statement.execute("create trigger grpc_ops_test_slow before insert on grpc_request_log for each row "
                    + "execute function grpc_ops_test_slow()");
        }
    }

    private static void terminateTheSleepingInsert() throws Exception {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("select pg_terminate_backend(pid) "
                        + "from pg_stat_activity where wait_event = 'PgSleep' and (query like 'copy grpc_request_log%' "
                        + "or query like 'insert into grpc_request_log%')")) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
                try (ResultSet terminated = statement.executeQuery()) {
                    return terminated.next();
                }
            });
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.url(), postgres.username(), postgres.password());
    }

    private static int get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
