package io.github.grpcops.requestlog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer under faults, with a real gRPC server in front and a database the test can stop and
 * start: the database going away while calls keep coming, shutdown with a full queue, a poison row.
 * Subclasses provide the database (H2 over TCP, a private PostgreSQL server).
 */
abstract class RequestLogFaultsTestBase {

    /** A database server this test owns, so it can stop it. */
    interface Database {

        String url();

        String username();

        String password();

        void stop() throws Exception;

        void start() throws Exception;
    }

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    abstract Database database();

    @AfterEach
    void closeContexts() throws Exception {
        database().start();
        this.contexts.forEach(ConfigurableApplicationContext::close);
    }

    ConfigurableApplicationContext startApplication(String... properties) {
        Database db = database();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoTestApplication.class)
            // server.port=0: the web starter is on the test classpath, and 8080 may be taken on a shared machine.
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off", "spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.username(),
                    "spring.datasource.password=" + db.password(), "grpc.jdbc.initialize-schema=always",
                    "spring.jpa.hibernate.ddl-auto=none", "spring.datasource.hikari.connection-timeout=500",
                    "spring.datasource.hikari.validation-timeout=250",
                    "grpc.request-log.writer.retry-initial-backoff=100ms",
                    "grpc.request-log.writer.retry-max-backoff=1s")
            .properties(properties)
            .run();
        this.contexts.add(context);
        return context;
    }

    long rowsWithRequestIdPrefix(String prefix) throws SQLException {
        Database db = database();
        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                PreparedStatement statement = connection
                    .prepareStatement("select count(*) from grpc_request_log where request_id like ?")) {
            statement.setString(1, prefix + "%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Status call(ManagedChannel channel, MethodType type, String requestId) {
        EchoRequest request = EchoRequest.newBuilder().setText("payload").setRepeat(2).build();
        EchoRequest[] requests = EchoCall.streamsRequests(type) ? new EchoRequest[] { request, request }
                : new EchoRequest[] { request };
        return EchoCall.complete(channel, type, requestId, requests).status();
    }

    private static MethodType typeOf(int i) {
        MethodType[] types = { MethodType.UNARY, MethodType.CLIENT_STREAMING, MethodType.SERVER_STREAMING,
                MethodType.BIDI_STREAMING };
        return types[i % types.length];
    }

    @Test
    void databaseStoppedWhileCallsKeepComingFailsNoCallAndAccountsForEveryRow() throws Exception {
        ConfigurableApplicationContext app = startApplication("grpc.request-log.writer.queue-capacity=40",
                "grpc.request-log.writer.batch-size=10", "grpc.request-log.writer.flush-interval=20ms");
        RequestLogWriter writer = app.getBean(RequestLogWriter.class);
        ManagedChannel channel = app.getBean(GrpcTestClient.class).channel();
        String prefix = "outage-" + UUID.randomUUID() + "-";
        int before = 5;
        for (int i = 0; i < before; i++) {
            assertThat(call(channel, typeOf(i), prefix + i).isOk()).isTrue();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> writer.counts().written() == before);

        database().stop();
        int during = 120;
        for (int i = 0; i < during; i++) {
            assertThat(call(channel, typeOf(i), prefix + (before + i)).isOk()).isTrue();
        }
        RequestLogWriterCounts down = writer.counts();
        assertThat(down.accounted()).isEqualTo(before + during);
        assertThat(down.droppedQueueFull()).as("queue of 40 overflowed while the database was down").isPositive();
        assertThat(down.queued()).as("rows held, the batch being retried included, fill the capacity and no more")
            .isEqualTo(40);
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.counts().failedBatches() > 0);

        database().start();
        await().atMost(Duration.ofSeconds(60)).until(() -> writer.counts().queued() == 0);
        RequestLogWriterCounts up = writer.counts();
        assertThat(up.written() + up.dropped()).isEqualTo(before + during);
        assertThat(up.written()).isGreaterThan(before);
        assertThat(rowsWithRequestIdPrefix(prefix)).isEqualTo(up.written());
    }

    @Test
    void shutdownWithAFullQueueWritesEveryQueuedRow() throws Exception {
        int calls = 200;
        ConfigurableApplicationContext app = startApplication("grpc.request-log.writer.queue-capacity=" + calls,
                "grpc.request-log.writer.batch-size=100000", "grpc.request-log.writer.flush-interval=1h");
        RequestLogWriter writer = app.getBean(RequestLogWriter.class);
        ManagedChannel channel = app.getBean(GrpcTestClient.class).channel();
        String prefix = "shutdown-" + UUID.randomUUID() + "-";
        for (int i = 0; i < calls; i++) {
            assertThat(call(channel, typeOf(i), prefix + i).isOk()).isTrue();
        }
        RequestLogWriterCounts queued = writer.counts();
        assertThat(queued.queued()).isEqualTo(calls);
        assertThat(queued.written()).isZero();
        assertThat(rowsWithRequestIdPrefix(prefix)).isZero();

        app.close();

        assertThat(rowsWithRequestIdPrefix(prefix)).isEqualTo(calls);
        assertThat(writer.counts().written()).isEqualTo(calls);
        assertThat(writer.counts().dropped()).isZero();
    }

    @Test
    void poisonRowInABatchIsDroppedAloneAndCounted() throws Exception {
        ConfigurableApplicationContext app = startApplication("grpc.request-log.writer.batch-size=10",
                "grpc.request-log.writer.flush-interval=10s");
        RequestLogWriter writer = app.getBean(RequestLogWriter.class);
        String prefix = "poison-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 10; i++) {
            // The sixth row has no service: NOT NULL refuses it, and with it the whole batch insert.
            writer.write(FinishedCalls.entry(prefix + i, (i == 5) ? null : "test.Service"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> writer.counts().queued() == 0);
        RequestLogWriterCounts counts = writer.counts();
        assertThat(counts.written()).isEqualTo(9);
        assertThat(counts.droppedRejected()).isEqualTo(1);
        assertThat(counts.failedBatches()).isEqualTo(1);
        assertThat(rowsWithRequestIdPrefix(prefix)).isEqualTo(9);
    }
}
