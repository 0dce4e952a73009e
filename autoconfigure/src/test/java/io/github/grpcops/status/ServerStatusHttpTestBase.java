package io.github.grpcops.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server status sections of {@code /actuator/grpc}, the {@code grpc} health indicator and info
 * contributor, over real HTTP against a real gRPC server; subclasses run it on H2 and PostgreSQL.
 * The database may be shared with other test contexts, so every assertion picks this instance's row
 * (or rows the test inserted) by id.
 */
abstract class ServerStatusHttpTestBase {

    static final String PROPERTIES_HEARTBEAT = "grpc.status.heartbeat-interval=200ms";

    @Autowired
    TestRestTemplate http;

    @Autowired
    GrpcTestClient client;

    @Autowired
    ServerStatusTracker tracker;

    @Autowired
    GrpcServerStatusRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    String selfId() {
        return await().until(() -> this.tracker.current(), self -> self != null && self.state() == ServerState.RUNNING)
            .instanceId();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> server(String instanceId) {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc/servers/{id}", Map.class, instanceId);
        assertThat(response.getStatusCode()).as("GET /servers/%s", instanceId).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> servers(String query) {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc/servers" + query, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return (List<Map<String, Object>>) response.getBody().get("servers");
    }

    void insertRow(String instanceId, String status, Instant lastHeartbeat) {
        this.jdbc.update("insert into grpc_server_status (instance_id, address, host, port, pid, status, started_at, "
                + "last_heartbeat, reflection_enabled, health_enabled) values (?, '*', 'elsewhere', 9999, 1, ?, ?, ?, "
                + "false, false)", instanceId, status, Timestamp.from(lastHeartbeat.minusSeconds(60)),
                Timestamp.from(lastHeartbeat));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runningRowCarriesTheRealBoundPortAndEveryServiceWithItsCallTypes() {
        Map<String, Object> self = server(selfId());
        assertThat(self).containsEntry("status", "running")
            .containsEntry("liveness", "running")
            .containsEntry("port", this.client.port())
            .containsEntry("pid", (int) ProcessHandle.current().pid())
            .containsEntry("reflectionEnabled", true)
            .containsEntry("healthEnabled", true)
            .containsEntry("workerPoolSize", 200)
            .containsEntry("stoppedAt", null);
        assertThat((String) self.get("instanceId")).endsWith(":" + this.client.port() + ":" + ProcessHandle.current().pid());
        Map<String, Object> echo = ((List<Map<String, Object>>) self.get("services")).stream()
            .filter(service -> service.get("name").equals(EchoServiceGrpc.SERVICE_NAME))
            .findFirst()
            .orElseThrow();
        assertThat((List<Map<String, Object>>) echo.get("methods")).containsExactly(
                Map.of("name", "Chat", "type", "BIDI_STREAMING"), Map.of("name", "Collect", "type", "CLIENT_STREAMING"),
                Map.of("name", "Echo", "type", "UNARY"), Map.of("name", "Expand", "type", "SERVER_STREAMING"));
    }

    @Test
    void heartbeatsKeepRefreshingTheRow() {
        String id = selfId();
        Instant first = this.repository.findById(id).orElseThrow().getLastHeartbeat();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.repository.findById(id).orElseThrow().getLastHeartbeat(), later -> later.isAfter(first));
    }

    @Test
    void aHeartbeatThatFindsItsRowDeletedCreatesItAgain() {
        String id = selfId();
        this.repository.deleteById(id);
        assertThat(this.repository.findById(id)).isEmpty();
        GrpcServerStatus again = await().atMost(Duration.ofSeconds(10))
            .until(() -> this.repository.findById(id).orElse(null), row -> row != null);
        assertThat(again.getStatus()).isEqualTo("running");
        assertThat(again.getPort()).isEqualTo(this.client.port());
        assertThat(RegisteredService.fromJson(again.getServices())).extracting(RegisteredService::name)
            .contains(EchoServiceGrpc.SERVICE_NAME);
    }

    @Test
    void aRunningRowWithAnOldHeartbeatIsUnreachableWhateverItSays() {
        String stale = "stale-" + System.nanoTime();
        String fresh = "fresh-" + System.nanoTime();
        String stopped = "stopped-" + System.nanoTime();
        insertRow(stale, "running", Instant.now().minusSeconds(30));
        insertRow(fresh, "running", Instant.now().plusSeconds(30));
        insertRow(stopped, "stopped", Instant.now().minusSeconds(30));
        assertThat(server(stale)).containsEntry("status", "running").containsEntry("liveness", "unreachable");
        assertThat(server(fresh)).containsEntry("liveness", "running");
        assertThat(server(stopped)).containsEntry("liveness", "stopped");
        assertThat(servers("?status=unreachable")).extracting(row -> row.get("instanceId"))
            .contains(stale)
            .doesNotContain(fresh, stopped, selfId());
        assertThat(servers("?status=RUNNING")).extracting(row -> row.get("instanceId"))
            .contains(fresh, selfId())
            .doesNotContain(stale, stopped);
    }

    @Test
    void rowsSilentForLongerThanTheRetentionArePurged() {
        String old = "old-" + System.nanoTime();
        String recent = "recent-" + System.nanoTime();
        insertRow(old, "stopped", Instant.now().minus(Duration.ofHours(2)));
        insertRow(recent, "stopped", Instant.now().minus(Duration.ofMinutes(30)));
        // Other test contexts on this database are the same fleet: one that purged with the default
        // hour-long interval holds the job until then. Free it, as that hour passing would.
        this.jdbc.update("update grpc_job_lock set locked_until = ? where name = 'server-status-purge'",
                Instant.EPOCH.atOffset(ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.repository.findById(old).isEmpty());
        assertThat(this.repository.findById(recent)).isPresent();
        assertThat(this.repository.findById(selfId())).isPresent();
    }

    @Test
    void overviewCountsInstancesByLivenessAndDescribesThisInstance() {
        String id = selfId();
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> instance = (Map<String, Object>) response.getBody().get("instance");
        assertThat(instance).containsEntry("instanceId", id)
            .containsEntry("status", "running")
            .containsEntry("port", this.client.port())
            .containsEntry("reflectionEnabled", true)
            .containsEntry("healthEnabled", true)
            .containsEntry("heartbeatFailing", false);
        assertThat((Integer) instance.get("uptimeSeconds")).isGreaterThanOrEqualTo(0);
        assertThat((Map<String, Object>) instance.get("workers")).containsEntry("poolSize", 200)
            .containsKeys("active", "queued");
        assertThat((List<String>) instance.get("services")).contains(EchoServiceGrpc.SERVICE_NAME);
        Map<String, Object> servers = (Map<String, Object>) response.getBody().get("servers");
        assertThat(((Map<String, Integer>) servers.get("liveness")).get("running")).isGreaterThanOrEqualTo(1);
        assertThat(response.getBody().get("sections")).asList().contains("instance", "servers");
    }

    @Test
    void unknownInstanceIsA404AndABadStatusFilterA400NamingIt() {
        assertThat(this.http.getForEntity("/actuator/grpc/servers/nobody:1:1", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> bad = this.http.getForEntity("/actuator/grpc/servers?status=alive", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("Parameter 'status' must be one of starting, running, stopping, stopped, "
                + "error, unreachable");
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthIndicatorIsUpWithAFreshHeartbeat() {
        String id = selfId();
        await().until(() -> this.tracker.lastHeartbeat() != null);
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/health/grpc", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("status", "UP");
        assertThat((Map<String, Object>) response.getBody().get("details")).containsEntry("instanceId", id)
            .containsEntry("status", "running")
            .containsEntry("heartbeatFresh", true)
            .containsEntry("port", this.client.port());
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoListsTheServicesAndTheirMethods() {
        selfId();
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/info", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> grpc = (Map<String, Object>) response.getBody().get("grpc");
        assertThat(grpc).containsEntry("port", this.client.port());
        List<Map<String, Object>> services = (List<Map<String, Object>>) grpc.get("services");
        assertThat(services).extracting(service -> service.get("name"))
            .contains(EchoServiceGrpc.SERVICE_NAME, "grpc.health.v1.Health");
        assertThat(services.stream().filter(s -> s.get("name").equals(EchoServiceGrpc.SERVICE_NAME)).findFirst()
            .orElseThrow().get("methods")).asList().contains(Map.of("name", "Expand", "type", "SERVER_STREAMING"));
    }

    @Test
    void callsAreServedWhileStatusIsTracked() {
        assertThat(EchoServiceGrpc.newBlockingStub(this.client.channel()).echo(EchoCalls.text("hi")).getText())
            .isEqualTo("hi");
    }
}
