package io.github.grpcops.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.NewApiKey;
import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The captured responses in {@code docs/monitoring.md} are the contract of {@code /actuator/grpc}, health
 * and info, field by field: every complete one (abbreviated ones hold {@code "…": "…"} or
 * {@code ["..."]}) has the same keys, in the same order, at every level, as what the endpoint answers over
 * real HTTP now, nulls included. Values differ (another run); dynamic keys (liveness counts) match because
 * this application runs one instance as the capture did.
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoint.grpc.access=unrestricted",
                "grpc.request-log.writer.flush-interval=50ms", "grpc.status.heartbeat-interval=500ms",
                "management.endpoints.web.exposure.include=grpc,health,info",
                "management.endpoint.health.show-details=always", "grpc.actuator.invoke-enabled=true" })
class MonitoringGuideResponsesTest {

    private static final Path GUIDE = Path.of("..", "docs", "monitoring.md");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ECHO = EchoServiceGrpc.SERVICE_NAME;

    /** The request of each complete captured response, by the heading it is under and its place there. */
    private static final List<Documented> DOCUMENTED = List.of(
            get("## `GET /actuator/grpc` — overview", 0, "/actuator/grpc"),
            get("## `GET /actuator/grpc/requests` — the calls, newest first", 0, "/actuator/grpc/requests?size=3"),
            get("## `GET /actuator/grpc/requests/{requestId}` — one call in full", 0,
                    "/actuator/grpc/requests/docs-unary"),
            new Documented("## `GET /actuator/grpc/inflight` — calls running now", 0, null,
                    MonitoringGuideResponsesTest::inflight),
            get("## `GET /actuator/grpc/services` and `/services/{service}` — per method", 0,
                    "/actuator/grpc/services/" + ECHO),
            get("## `GET /actuator/grpc/timeline` — calls over time", 0,
                    "/actuator/grpc/timeline?interval=minute&hours=1"),
            get("## `GET /actuator/grpc/servers` — the fleet", 0, "/actuator/grpc/servers"),
            get("## `GET /actuator/grpc/metrics` — call figures since start, in memory", 0, "/actuator/grpc/metrics"),
            new Documented("## `/actuator/grpc/apikeys` — API keys", 0, null,
                    test -> test.http.postForEntity("/actuator/grpc/apikeys",
                            Map.of("name", "ci-deploy", "description", "release pipeline", "owner", "bob", "type",
                                    "service", "expiresAt", "2999-06-30T00:00:00Z"),
                            String.class)),
            get("## `/actuator/grpc/apikeys` — API keys", 1, "/actuator/grpc/apikeys"),
            new Documented("## `/actuator/grpc/apikeys` — API keys", 2, null,
                    test -> test.http.exchange("/actuator/grpc/apikeys/"
                            + test.keys.create(NewApiKey.named("revoked")).key().getId(), HttpMethod.DELETE, null,
                            String.class)),
            get("## `GET /actuator/grpc/schema` — the API, from reflection", 0, "/actuator/grpc/schema"),
            get("## `GET /actuator/health/grpc`", 0, "/actuator/health/grpc"),
            // Other contributors (net.devh's grpc.server) add entries of their own.
            new Documented("## `GET /actuator/info`", 0, "grpc",
                    test -> test.http.getForEntity("/actuator/info", String.class)));

    @Autowired
    TestRestTemplate http;

    @Autowired
    GrpcTestClient client;

    @Autowired
    ApiKeyManager keys;

    @Autowired
    RequestLogWriter writer;

    @Autowired
    RequestStatsRecorder stats;

    /** Calls of each kind, in the request log, the metrics and the timeline; a key; the server running. */
    @BeforeEach
    void callsAreLoggedAndTheServerRuns() {
        if (this.writer.counts().written() == 0) {
            EchoRequest hello = EchoRequest.newBuilder().setText("hello").build();
            assertThat(EchoCall.complete(this.client.channel(), MethodType.UNARY, "docs-unary", hello).status().isOk())
                .isTrue();
            EchoCall.complete(this.client.channel(), MethodType.UNARY, "docs-failed",
                    EchoRequest.newBuilder().setText("x").setFailWith("NOT_FOUND").build())
                .status();
            EchoCall.complete(this.client.channel(), MethodType.BIDI_STREAMING, "docs-bidi", hello, hello).status();
            this.keys.create(NewApiKey.named("listed"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> this.writer.counts().written() >= 3
                && "running".equals(JSON.readTree(this.http.getForObject("/actuator/grpc/instance", String.class))
                    .path("status")
                    .asText()));
        // The writer counts its rows in the rollups before writing them; add them now, not at the next flush.
        assertThat(this.stats.flush()).isTrue();
    }

    @Test
    void everyCompleteCapturedResponseIsChecked() throws IOException {
        List<Block> complete = blocks().stream().filter(Block::complete).toList();
        assertThat(complete).as("complete JSON captures in docs/monitoring.md, each needs a request here")
            .extracting(block -> block.heading() + " #" + block.ordinal())
            .containsExactlyInAnyOrderElementsOf(
                    DOCUMENTED.stream().map(documented -> documented.heading() + " #" + documented.ordinal()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void liveResponseHasTheKeysOfTheCapturedOne(Documented documented) throws IOException {
        Block block = blocks().stream()
            .filter(b -> b.heading().equals(documented.heading()) && b.ordinal() == documented.ordinal())
            .findFirst()
            .orElseThrow(() -> new AssertionError("No JSON capture #" + documented.ordinal() + " under "
                    + documented.heading() + " in docs/monitoring.md"));
        ResponseEntity<String> response = documented.request().apply(this);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode captured = JSON.readTree(block.json());
        JsonNode live = JSON.readTree(response.getBody());
        if (documented.entry() != null) {
            assertSameKeys("$." + documented.entry(), captured.get(documented.entry()), live.get(documented.entry()));
        }
        else {
            assertSameKeys("$", captured, live);
        }
    }

    static Stream<Documented> documented() {
        return DOCUMENTED.stream();
    }

    /** Objects have the same keys in the same order; arrays are compared by their first elements. */
    private static void assertSameKeys(String path, JsonNode documented, JsonNode live) {
        if (documented.isObject()) {
            assertThat(live.isObject()).as("%s is an object: %s", path, live).isTrue();
            assertThat(names(live)).as("keys of %s", path).containsExactlyElementsOf(names(documented));
            documented.fields().forEachRemaining(field -> assertSameKeys(path + "." + field.getKey(), field.getValue(),
                    live.get(field.getKey())));
        }
        else if (documented.isArray()) {
            assertThat(live.isArray()).as("%s is an array: %s", path, live).isTrue();
            if (!documented.isEmpty()) {
                assertThat(live).as("%s has elements to compare", path).isNotEmpty();
                assertSameKeys(path + "[0]", documented.get(0), live.get(0));
            }
        }
        else if (!documented.isNull()) {
            assertThat(live.isContainerNode()).as("%s is a value: %s", path, live).isFalse();
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A bidi call held open while the in-flight calls are read. */
    private static ResponseEntity<String> inflight(MonitoringGuideResponsesTest test) {
        EchoCall chat = EchoCall.start(test.client.channel(), MethodType.BIDI_STREAMING, "docs-running",
                CallOptions.DEFAULT);
        try {
            chat.send(EchoRequest.newBuilder().setText("one").build());
            await().until(() -> chat.replies().size() == 1);
            return test.http.getForEntity("/actuator/grpc/inflight", String.class);
        }
        finally {
            chat.halfClose().status();
        }
    }

    /** The fenced JSON blocks of the guide, with the {@code ## } heading each is under. */
    private static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        String heading = null;
        int ordinal = 0;
        StringBuilder json = null;
        for (Iterator<String> lines = Files.readAllLines(GUIDE).iterator(); lines.hasNext();) {
            String line = lines.next();
            if (json != null) {
                if (line.equals("```")) {
                    blocks.add(new Block(heading, ordinal++, json.toString()));
                    json = null;
                }
                else {
                    json.append(line).append('\n');
                }
            }
            else if (line.startsWith("## ")) {
                heading = line;
                ordinal = 0;
            }
            else if (line.equals("```json")) {
                json = new StringBuilder();
            }
        }
        if (json != null) {
            fail("Unclosed JSON block under " + heading);
        }
        return blocks;
    }

    private static Documented get(String heading, int ordinal, String path) {
        return new Documented(heading, ordinal, null, test -> test.http.getForEntity(path, String.class));
    }

    /**
     * A captured response of the guide and how to get it live.
     *
     * @param heading the {@code ## } heading it is under
     * @param ordinal its place among the JSON blocks under that heading, from 0
     * @param entry the one top-level entry to compare, or {@code null} for the whole response
     * @param request the request that answers it here
     */
    record Documented(String heading, int ordinal, String entry,
            Function<MonitoringGuideResponsesTest, ResponseEntity<String>> request) {

        @Override
        public String toString() {
            return this.heading.substring(3) + " #" + this.ordinal;
        }
    }

    /**
     * A fenced JSON block of the guide.
     *
     * @param heading the {@code ## } heading it is under
     * @param ordinal its place among the JSON blocks under that heading, from 0
     * @param json its text
     */
    record Block(String heading, int ordinal, String json) {

        /** Whether it shows every key: abbreviated captures elide some with {@code "…": "…"} or {@code "..."}. */
        boolean complete() {
            return !this.json.contains("\"…\":") && !this.json.contains("\"...\"");
        }
    }
}
