package io.github.grpcops.status;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.github.grpcops.lifecycle.LifecyclePhases;
import io.github.grpcops.requestlog.InFlightCalls;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The status row across a whole server life, in application contexts started and closed by the
 * test; the database outlives them, so the final rows are read afterwards. Subclasses name the
 * database (H2 and PostgreSQL).
 */
abstract class ServerLifecycleTestBase {

    /**
     * JDBC url, user and password of a database that outlives the contexts (Hibernate's create-drop,
     * Spring Boot's default for embedded databases, is switched off so the tables stay too).
     */
    abstract String[] database();

    JdbcTemplate jdbc() {
        String[] db = database();
        return new JdbcTemplate(new DriverManagerDataSource(db[0], db[1], db[2]));
    }

    ConfigurableApplicationContext start(Class<?>... extra) {
        return start(List.of(), extra);
    }

    ConfigurableApplicationContext start(List<String> properties, Class<?>... extra) {
        String[] db = database();
        Class<?>[] sources = new Class<?>[extra.length + 1];
        sources[0] = EchoTestApplication.class;
        System.arraycopy(extra, 0, sources, 1, extra.length);
        return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
                    "spring.datasource.url=" + db[0], "spring.datasource.username=" + db[1],
                    "spring.datasource.password=" + db[2], "grpc.jdbc.initialize-schema=always",
                    "grpc.server.shutdown-grace-period=1s", "spring.jpa.hibernate.ddl-auto=none")
            .properties(properties.toArray(String[]::new))
            .run();
    }

    Map<String, Object> row(String instanceId) {
        return jdbc().queryForMap("select * from grpc_server_status where instance_id = ?", instanceId);
    }

    @Test
    void rowIsRunningWhileServingThenStoppedAndHealthIsNotServingAsSoonAsShutdownBegins() {
        ConfigurableApplicationContext context = start(ShutdownProbe.class);
        ServerStatusTracker tracker = context.getBean(ServerStatusTracker.class);
        String id = tracker.current().instanceId();
        await().until(() -> "running".equals(jdbc().queryForList(
                "select status from grpc_server_status where instance_id = ?", String.class, id).stream()
            .findFirst().orElse(null)));
        ShutdownProbe probe = context.getBean(ShutdownProbe.class);
        assertThat(probe.check()).isEqualTo(ServingStatus.SERVING);
        assertThat(probe.indicator.health().getStatus()).isEqualTo(Status.UP);

        context.close();

        assertThat(probe.healthAtShutdown.get()).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(probe.rowAtShutdown.get()).isEqualTo("stopping");
        assertThat(probe.indicatorAtShutdown.get()).isEqualTo(Status.OUT_OF_SERVICE);
        Map<String, Object> stopped = row(id);
        assertThat(stopped.get("status")).isEqualTo("stopped");
        assertThat(stopped.get("stopped_at")).isNotNull();
        assertThat(stopped.get("error_message")).isNull();
    }

    /**
     * Calls of every type still running when the context closes: the server lets them finish, the
     * request log writes their rows (queued only, with an hour's flush interval) before the status row
     * says {@code stopped}, which it does last.
     */
    @Test
    void callsInFlightAtShutdownFinishAndAreLoggedBeforeTheRowSaysStopped() {
        // A grace period the calls cannot outlast on a loaded machine: shutdown waits only while they run.
        ConfigurableApplicationContext context = start(List.of("grpc.request-log.writer.flush-interval=1h",
                "grpc.request-log.writer.batch-size=100000", "grpc.server.shutdown-grace-period=30s"),
                ShutdownOrderProbe.class);
        String id = context.getBean(ServerStatusTracker.class).current().instanceId();
        ShutdownOrderProbe probe = context.getBean(ShutdownOrderProbe.class);
        probe.prefix = "in-flight-" + UUID.randomUUID() + "-";
        ManagedChannel channel = context.getBean(GrpcTestClient.class).channel();
        EchoRequest slow = EchoRequest.newBuilder().setText("slow").setDelayMs(500).build();
        List<EchoCall> calls = new ArrayList<>();
        for (MethodType type : List.of(MethodType.UNARY, MethodType.CLIENT_STREAMING, MethodType.SERVER_STREAMING,
                MethodType.BIDI_STREAMING)) {
            calls.add(EchoCall.complete(channel, type, probe.prefix + type, slow));
        }
        InFlightCalls inFlight = context.getBean(InFlightCalls.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.size() == calls.size());

        context.close();

        assertThat(calls).allSatisfy(call -> assertThat(call.status().isOk()).as(call.status().toString()).isTrue());
        assertThat(probe.rowsAtProbe).as("rows written when the writer had stopped").isEqualTo(calls.size());
        assertThat(probe.statusAtProbe).as("the status row then").isEqualTo("stopping");
        assertThat(jdbc().queryForObject("select count(*) from grpc_request_log where request_id like ? "
                + "and status = 'success'", Long.class, probe.prefix + "%")).isEqualTo(calls.size());
        assertThat(row(id).get("status")).isEqualTo("stopped");
    }

    @Test
    void startingRowIsWrittenBeforeTheServerReportsStartedThenTurnsRunning() {
        ConfigurableApplicationContext context = start(StartProbe.class);
        try {
            Map<String, Object> starting = context.getBean(StartProbe.class).rowAtStarted.get();
            assertThat(starting.get("status")).isEqualTo("starting");
            String id = (String) starting.get("instance_id");
            assertThat(context.getBean(ServerStatusTracker.class).current().instanceId()).isEqualTo(id);

            await().until(() -> "running".equals(row(id).get("status")));
            Map<String, Object> running = row(id);
            assertThat(running.get("port")).isEqualTo(starting.get("port"))
                .isEqualTo(context.getBean(GrpcTestClient.class).port());
            assertThat(running.get("started_at")).isEqualTo(starting.get("started_at"));
        }
        finally {
            context.close();
        }
    }

    @Test
    void serverThatCannotBindLeavesAnErrorRowWithTheCause() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new SpringApplicationBuilder(EchoTestApplication.class)
                .web(WebApplicationType.NONE)
                .properties("grpc.server.port=" + port, "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "spring.datasource.url=" + database()[0], "spring.datasource.username=" + database()[1],
                        "spring.datasource.password=" + database()[2], "grpc.jdbc.initialize-schema=always",
                        "spring.jpa.hibernate.ddl-auto=none")
                .run()).hasStackTraceContaining("Failed to start the grpc server");
            String id = ServerSnapshot.instanceId(InstanceHost.name(), port, ProcessHandle.current().pid());
            Map<String, Object> failed = row(id);
            assertThat(failed.get("status")).isEqualTo("error");
            assertThat(failed.get("stopped_at")).isNotNull();
            assertThat((String) failed.get("error_message")).containsIgnoringCase("bind")
                .contains(String.valueOf(port));
        }
    }

    /**
     * Reads this instance's row from the database when net.devh publishes {@code GrpcServerStartedEvent},
     * before the tracker's own listener turns it {@code running}: the row the server wrote while starting.
     */
    static class StartProbe {

        final AtomicReference<Map<String, Object>> rowAtStarted = new AtomicReference<>();

        private final ServerStatusTracker tracker;

        private final JdbcTemplate jdbc;

        StartProbe(ServerStatusTracker tracker, JdbcTemplate jdbc) {
            this.tracker = tracker;
            this.jdbc = jdbc;
        }

        @EventListener
        @Order(Ordered.HIGHEST_PRECEDENCE)
        public void onStarted(GrpcServerStartedEvent event) {
            ServerSnapshot beforeTracker = this.tracker.current();
            assertThat(beforeTracker.state()).isEqualTo(ServerState.STARTING);
            // the starting row is written on the tracker's own thread: wait for it, not for anything newer
            this.rowAtStarted.set(await().atMost(Duration.ofSeconds(10))
                .until(() -> this.jdbc.queryForList("select * from grpc_server_status where instance_id = ?",
                        beforeTracker.instanceId()), rows -> !rows.isEmpty())
                .get(0));
        }
    }

    /**
     * Stops between the request-log writer and the status row (phases leave room for an application's own
     * work): counts the rows the writer has written by then and reads the status row.
     */
    static class ShutdownOrderProbe implements SmartLifecycle {

        volatile String prefix;

        volatile long rowsAtProbe = -1;

        volatile String statusAtProbe;

        private final JdbcTemplate jdbc;

        private final ServerStatusTracker tracker;

        private volatile boolean running;

        ShutdownOrderProbe(JdbcTemplate jdbc, ServerStatusTracker tracker) {
            this.jdbc = jdbc;
            this.tracker = tracker;
        }

        @Override
        public void start() {
            this.running = true;
        }

        @Override
        public void stop() {
            this.rowsAtProbe = this.jdbc.queryForObject("select count(*) from grpc_request_log where request_id like ?",
                    Long.class, this.prefix + "%");
            this.statusAtProbe = this.jdbc.queryForObject("select status from grpc_server_status where instance_id = ?",
                    String.class, this.tracker.current().instanceId());
            this.running = false;
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }

        @Override
        public int getPhase() {
            return LifecyclePhases.SERVER_STATUS + 50;
        }
    }

    /** Asks the health service, and reads the row, the moment shutdown begins (after the tracker has acted). */
    static class ShutdownProbe {

        final AtomicReference<ServingStatus> healthAtShutdown = new AtomicReference<>();

        final AtomicReference<String> rowAtShutdown = new AtomicReference<>();

        final AtomicReference<Status> indicatorAtShutdown = new AtomicReference<>();

        private final GrpcTestClient client;

        private final ServerStatusTracker tracker;

        private final GrpcServerStatusRepository repository;

        private final HealthIndicator indicator;

        private ManagedChannel channel;

        ShutdownProbe(GrpcTestClient client, ServerStatusTracker tracker, GrpcServerStatusRepository repository,
                @Qualifier("grpcHealthIndicator") HealthIndicator indicator) {
            this.client = client;
            this.tracker = tracker;
            this.repository = repository;
            this.indicator = indicator;
        }

        ServingStatus check() {
            if (this.channel == null) {
                this.channel = this.client.channel();
            }
            return HealthGrpc.newBlockingStub(this.channel).check(HealthCheckRequest.getDefaultInstance()).getStatus();
        }

        @EventListener
        @Order(Ordered.LOWEST_PRECEDENCE)
        public void onShutdown(GrpcServerShutdownEvent event) {
            this.healthAtShutdown.set(check());
            this.indicatorAtShutdown.set(this.indicator.health().getStatus());
            String id = this.tracker.current().instanceId();
            this.rowAtShutdown.set(await().atMost(Duration.ofSeconds(10))
                .until(() -> this.repository.findById(id).map(GrpcServerStatus::getStatus).orElse(null),
                        "stopping"::equals));
        }
    }
}
