package io.github.grpcops.status;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.github.grpcops.test.postgres.TestPostgres;
import io.github.grpcops.pipeline.RequestIds;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances against one PostgreSQL: this test's application and a second one in a process of its
 * own. Both appear in {@code /actuator/grpc/servers}; the second, killed with SIGKILL (no shutdown
 * hook, its row still says running), turns {@code unreachable} once its heartbeat is older than
 * {@code stale-after}. Both write the one request log, so the survivor's
 * {@code /actuator/grpc/requests} lists the calls both served.
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "grpc.jdbc.initialize-schema=always",
                "grpc.status.heartbeat-interval=300ms", "grpc.status.stale-after=2s",
                "management.endpoints.web.exposure.include=grpc" })
@Import(TestPostgres.DataSource.class)
class MultiInstanceStatusTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    GrpcTestClient client;

    @Autowired
    ServerStatusTracker tracker;

    private Process other;

    private Path otherLog;

    @AfterEach
    void killOther() {
        if (this.other != null) {
            this.other.destroyForcibly();
        }
    }

    @Test
    void bothInstancesAreListedShareTheRequestLogAndTheOneKilledOutrightTurnsUnreachable() throws Exception {
        this.other = startOtherInstance();
        long otherPid = this.other.pid();
        Map<String, Object> otherRow = await().atMost(Duration.ofSeconds(120))
            .failFast("the other instance exited; its log: " + this.otherLog, () -> !this.other.isAlive())
            .until(() -> serverWithPid(otherPid), row -> row.isPresent() && "running".equals(row.get().get("liveness")))
            .orElseThrow();
        String self = this.tracker.current().instanceId();
        assertThat(servers()).extracting(row -> row.get("instanceId")).contains(self, otherRow.get("instanceId"));

        // the other instance really serves: call it on the port its row reports
        String otherCall = "other-" + System.nanoTime();
        String selfCall = "self-" + System.nanoTime();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", (Integer) otherRow.get("port"))
            .usePlaintext()
            .build();
        try {
            assertThat(echo(channel, otherCall)).isEqualTo(otherCall);
        }
        finally {
            channel.shutdownNow();
        }
        assertThat(echo(this.client.channel(), selfCall)).isEqualTo(selfCall);
        // the log is shared: this instance lists the calls both served
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(requestIds()).contains(otherCall, selfCall));

        this.other.destroyForcibly().waitFor();

        Map<String, Object> killed = await().atMost(Duration.ofSeconds(30))
            .until(() -> serverWithPid(otherPid).orElseThrow(), row -> "unreachable".equals(row.get("liveness")));
        assertThat(killed).containsEntry("status", "running").containsEntry("stoppedAt", null);
        assertThat(servers()).filteredOn(row -> self.equals(row.get("instanceId")))
            .singleElement()
            .satisfies(row -> assertThat(row).containsEntry("liveness", "running"));
        assertThat(requestIds()).contains(otherCall, selfCall);
    }

    private static String echo(Channel channel, String requestId) {
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, requestId);
        return EchoServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .echo(EchoCalls.text(requestId))
            .getText();
    }

    @SuppressWarnings("unchecked")
    private List<Object> requestIds() {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc/requests?method=Echo&size=500",
                Map.class);
        return ((List<Map<String, Object>>) response.getBody().get("requests")).stream()
            .map(row -> row.get("requestId"))
            .toList();
    }

    private Process startOtherInstance() throws IOException {
        TestPostgres.Server db = TestPostgres.server();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, StatusTestInstance.class.getName(), "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                "--grpc.jdbc.initialize-schema=always", "--grpc.server.port=0", "--grpc.server.address=127.0.0.1",
                "--grpc.status.heartbeat-interval=300ms", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        this.otherLog = Files.createTempFile("grpc-ops-other-instance", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.otherLog.toFile()).start();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> servers() {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc/servers", Map.class);
        return (List<Map<String, Object>>) response.getBody().get("servers");
    }

    private Optional<Map<String, Object>> serverWithPid(long pid) {
        return servers().stream().filter(row -> ((Number) row.get("pid")).longValue() == pid).findFirst();
    }
}
