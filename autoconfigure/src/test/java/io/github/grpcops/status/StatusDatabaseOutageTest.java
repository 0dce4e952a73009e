package io.github.grpcops.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status table gone (renamed away, as a broken database would look to these writes): calls of
 * every type keep succeeding, the health indicator goes DOWN once the heartbeat is stale, the
 * {@code servers} section answers 503 and {@code instance} still answers; once the table is back the
 * next heartbeat writes the row again and health is UP.
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "grpc.status.heartbeat-interval=100ms",
                "grpc.status.stale-after=1s", "management.endpoints.web.exposure.include=grpc,health",
                "management.endpoint.health.show-details=always" })
class StatusDatabaseOutageTest {

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

    private boolean away;

    @AfterEach
    void restore() {
        if (this.away) {
            this.jdbc.execute("alter table grpc_server_status_away rename to grpc_server_status");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void callsAreUnaffectedWhileStatusCannotBeWrittenAndTheRowComesBackWithTheDatabase() {
        await().until(() -> healthStatus().getStatusCode() == HttpStatus.OK);
        String id = this.tracker.current().instanceId();

        this.jdbc.execute("alter table grpc_server_status rename to grpc_server_status_away");
        this.away = true;
        await().until(this.tracker::failing);

        ManagedChannel channel = this.client.channel();
        List<EchoRequest> three = List.of(EchoCalls.text("a"), EchoCalls.text("b"), EchoCalls.text("c"));
        for (int i = 0; i < 5; i++) {
            assertThat(EchoServiceGrpc.newBlockingStub(channel).echo(EchoCalls.text("u")).getText()).isEqualTo("u");
            assertThat(EchoCalls.collect(channel, three).getText()).isEqualTo("abc");
            assertThat(EchoServiceGrpc.newBlockingStub(channel)
                .expand(EchoRequest.newBuilder().setText("s").setRepeat(3).build())).toIterable().hasSize(3);
            assertThat(EchoCalls.chat(channel, three)).hasSize(3);
        }

        ResponseEntity<Map> down = await().atMost(Duration.ofSeconds(10))
            .until(this::healthStatus, response -> response.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(down.getBody()).containsEntry("status", "DOWN");
        assertThat((Map<String, Object>) down.getBody().get("details")).containsEntry("heartbeatFresh", false)
            .containsEntry("status", "running");
        ResponseEntity<String> servers = this.http.getForEntity("/actuator/grpc/servers", String.class);
        assertThat(servers.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(servers.getBody()).contains("The server status table could not be read");
        ResponseEntity<Map> instance = this.http.getForEntity("/actuator/grpc/instance", Map.class);
        assertThat(instance.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(instance.getBody()).containsEntry("heartbeatFailing", true).containsEntry("status", "running");

        this.jdbc.execute("alter table grpc_server_status_away rename to grpc_server_status");
        this.away = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> this.repository.findById(id).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> healthStatus().getStatusCode() == HttpStatus.OK);
        assertThat(this.tracker.failing()).isFalse();
    }

    private ResponseEntity<Map> healthStatus() {
        return this.http.getForEntity("/actuator/health/grpc", Map.class);
    }
}
