package io.github.grpcops.requestlog;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.test.BulkCalls;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request log's sections of {@code /actuator/grpc} (overview, requests, inflight, services,
 * timeline) and the {@code grpc} health indicator over real HTTP, filled by real gRPC calls of every
 * type through a real server; subclasses run it on H2 and PostgreSQL. Each test starts from an empty
 * log, so the figures it checks are those of its own calls.
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "grpc.request-log.writer.flush-interval=50ms", "grpc.request-log.rollups.flush-interval=100ms",
                "grpc.request-log.payloads.methods=" + RequestLogEndpointHttpTestBase.ECHO + "/Echo",
                "grpc.status.heartbeat-interval=500ms", "grpc.status.stale-after=3s",
                "management.endpoints.web.exposure.include=grpc,health",
                "management.endpoint.health.show-details=always",
                "grpc.auth.jwt.secret=" + TestTokens.SECRET })
@Import(TestAuthentication.class)
abstract class RequestLogEndpointHttpTestBase {

    static final String ECHO = EchoServiceGrpc.SERVICE_NAME;

    @Autowired
    TestRestTemplate http;

    @Autowired
    GrpcTestClient client;

    @Autowired
    RequestLogWriter writer;

    @Autowired
    RequestStatsRecorder recorder;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void emptyLog() {
        await().until(() -> this.writer.counts().queued() == 0);
        this.recorder.flush();
        new JdbcTemplate(this.dataSource).update("delete from grpc_request_log");
        new JdbcTemplate(this.dataSource).update("delete from grpc_request_stats");
    }

    // ---- helpers

    Channel as(String user) {
        return withHeader(TestAuthentication.USER, user);
    }

    Channel withHeader(Metadata.Key<String> key, String value) {
        return GrpcTestClient.withHeader(this.client.channel(), key, value);
    }

    Status call(Channel channel, MethodType type, String requestId, EchoRequest... requests) {
        return EchoCall.complete(channel, type, requestId, requests).status();
    }

    Status call(MethodType type, String requestId, EchoRequest... requests) {
        return call(this.client.channel(), type, requestId, requests);
    }

    static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).setRepeat(2).build();
    }

    static EchoRequest failing(String code) {
        return EchoRequest.newBuilder().setText("x").setFailWith(code).build();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path, Object... variables) {
        ResponseEntity<Map> response = this.http.getForEntity(path, Map.class, variables);
        assertThat(response.getStatusCode()).as("GET %s: %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> requests(String query) {
        return (List<Map<String, Object>>) get("/actuator/grpc/requests" + query).get("requests");
    }

    List<Object> requestIds(String query) {
        return ids(get("/actuator/grpc/requests" + query));
    }

    /** Waits until the calls are rows and in the rollups. */
    void awaitLogged(int calls) {
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(get("/actuator/grpc/requests").get("total")).isEqualTo(calls));
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(new JdbcTemplate(this.dataSource).queryForObject(
                    "select coalesce(sum(calls), 0) from grpc_request_stats where resolution = 'minute'", Long.class))
                .isEqualTo(calls));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    // ---- requests

    @Test
    void requestsAreListedNewestFirstInPagesWithTotals() {
        for (int i = 0; i < 5; i++) {
            assertThat(call(MethodType.UNARY, "page-" + i, text("p" + i)).isOk()).isTrue();
        }
        awaitLogged(5);
        Map<String, Object> first = get("/actuator/grpc/requests?size=2");
        assertThat(first).containsEntry("page", 0).containsEntry("size", 2).containsEntry("total", 5)
            .containsEntry("totalExact", true).containsEntry("totalPages", 3).containsEntry("newer", null);
        assertThat(first.get("older")).isNotNull();
        assertThat(requestIds("?size=2")).containsExactly("page-4", "page-3");
        assertThat(requestIds("?size=2&page=1")).containsExactly("page-2", "page-1");
        assertThat(requestIds("?size=2&page=2")).containsExactly("page-0");
        assertThat(requestIds("?size=2&page=3")).isEmpty();
        assertThat(requests("?size=1").get(0)).containsEntry("service", ECHO)
            .containsEntry("method", "Echo")
            .containsEntry("callType", "UNARY")
            .containsEntry("status", "success")
            .containsEntry("grpcStatus", "OK")
            .containsEntry("clientIp", "127.0.0.1")
            .doesNotContainKeys("requestPayload", "responsePayload");
    }

    @Test
    void cursorsPageToOlderCallsAndBackToNewerOnes() {
        for (int i = 0; i < 5; i++) {
            assertThat(call(MethodType.UNARY, "cursor-" + i, text("c" + i)).isOk()).isTrue();
        }
        awaitLogged(5);
        Map<String, Object> first = get("/actuator/grpc/requests?size=2");
        Map<String, Object> second = get("/actuator/grpc/requests?size=2&before={cursor}", first.get("older"));
        assertThat(ids(second)).containsExactly("cursor-2", "cursor-1");
        assertThat(second).containsEntry("page", 0).containsEntry("total", 5).containsEntry("totalExact", true);
        Map<String, Object> last = get("/actuator/grpc/requests?size=2&before={cursor}", second.get("older"));
        assertThat(ids(last)).containsExactly("cursor-0");
        assertThat(last).containsEntry("older", null);

        Map<String, Object> back = get("/actuator/grpc/requests?size=2&after={cursor}", last.get("newer"));
        assertThat(ids(back)).containsExactly("cursor-2", "cursor-1");
        assertThat(back.get("older")).isEqualTo(second.get("older"));
        Map<String, Object> top = get("/actuator/grpc/requests?size=2&after={cursor}", back.get("newer"));
        assertThat(ids(top)).containsExactly("cursor-4", "cursor-3");
        assertThat(top).containsEntry("newer", null).containsEntry("older", first.get("older"));
        assertThat(ids(get("/actuator/grpc/requests?size=2&method=Echo&before={cursor}", first.get("older"))))
            .containsExactly("cursor-2", "cursor-1");
    }

    @Test
    void cursorsOrderCallsOfTheSameStartByIdWithoutSkippingOrRepeatingOne() {
        BulkCalls.insert(this.dataSource, "bulk.Service", 7, Instant.now().truncatedTo(ChronoUnit.MILLIS), Duration.ZERO);
        List<Map<String, Object>> pages = new ArrayList<>(List.of(get("/actuator/grpc/requests?size=2")));
        while (pages.get(pages.size() - 1).get("older") != null) {
            pages.add(get("/actuator/grpc/requests?size=2&before={cursor}", pages.get(pages.size() - 1).get("older")));
        }
        List<Object> walked = pages.stream().flatMap(page -> ids(page).stream()).toList();
        assertThat(walked).hasSize(7).doesNotHaveDuplicates();
        assertThat(walked).containsExactlyElementsOf(ids(get("/actuator/grpc/requests?size=7")));

        Map<String, Object> back = get("/actuator/grpc/requests?size=2&after={cursor}", pages.get(3).get("newer"));
        assertThat(ids(back)).isEqualTo(ids(pages.get(2)));
    }

    @Test
    void theTotalStopsCountingAtTenThousandAndDeepPagesNeedACursor() {
        BulkCalls.insert(this.dataSource, "bulk.Service", 10_005, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                Duration.ofMillis(1));

        Map<String, Object> first = get("/actuator/grpc/requests?size=50");
        assertThat(first).containsEntry("total", 10_000).containsEntry("totalExact", false)
            .containsEntry("totalPages", 200);
        assertThat(get("/actuator/grpc/requests?status=error")).containsEntry("total", 11)
            .containsEntry("totalExact", true);
        Map<String, Object> deepest = get("/actuator/grpc/requests?size=50&page=199");
        assertThat(ids(deepest)).startsWith("bulk-9950").endsWith("bulk-9999");

        ResponseEntity<Map> tooDeep = this.http.getForEntity("/actuator/grpc/requests?size=50&page=200", Map.class);
        assertThat(tooDeep.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) tooDeep.getBody().get("message")).startsWith("Parameter 'page' must keep page * size below 10000")
            .contains("'older' cursor", "'before'", "'since'");
        Map<String, Object> beyond = get("/actuator/grpc/requests?size=50&before={cursor}", deepest.get("older"));
        assertThat(ids(beyond)).containsExactly("bulk-10000", "bulk-10001", "bulk-10002", "bulk-10003", "bulk-10004");
        assertThat(beyond).containsEntry("older", null).containsEntry("totalExact", false);
    }

    @Test
    void aCursorThatNoPageReturnedIsA400SayingWhatItTakes() {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc/requests?before=yesterday", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) response.getBody().get("message")).startsWith("Parameter 'before' must be the 'older' "
                + "or 'newer' value of a /requests page (<createdAt>,<id> such as ")
            .endsWith("start again without it for the newest calls");
    }

    @SuppressWarnings("unchecked")
    static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("requests")).stream().map(row -> row.get("requestId")).toList();
    }

    @Test
    void requestsAreFilteredByServiceMethodStatusPrincipalAndSince() throws Exception {
        assertThat(call(as("u-1/alice"), MethodType.UNARY, "f-alice", text("a")).isOk()).isTrue();
        assertThat(call(MethodType.UNARY, "f-error", failing("NOT_FOUND")).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        EchoCall slow = EchoCall.start(this.client.channel(), MethodType.UNARY, "f-timeout",
                CallOptions.DEFAULT.withDeadlineAfter(100, java.util.concurrent.TimeUnit.MILLISECONDS));
        slow.send(EchoRequest.newBuilder().setText("slow").setDelayMs(1000).build()).halfClose();
        assertThat(slow.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        EchoCall cancelled = EchoCall.start(this.client.channel(), MethodType.BIDI_STREAMING, "f-cancelled",
                CallOptions.DEFAULT);
        cancelled.send(text("c"));
        await().until(() -> cancelled.replies().size() == 1);
        cancelled.cancel();
        Thread.sleep(20);
        Instant later = Instant.now();
        assertThat(call(MethodType.SERVER_STREAMING, "f-expand", text("e")).isOk()).isTrue();
        assertThat(call(MethodType.CLIENT_STREAMING, "f-collect", text("c1"), text("c2")).isOk()).isTrue();
        awaitLogged(6);

        assertThat(requestIds("?service=" + ECHO)).hasSize(6);
        assertThat(requestIds("?service=grpcops.test.v1.Other")).isEmpty();
        assertThat(requestIds("?method=Echo")).containsExactlyInAnyOrder("f-alice", "f-error", "f-timeout");
        assertThat(requestIds("?service=" + ECHO + "&method=Expand")).containsExactly("f-expand");
        assertThat(requestIds("?status=error")).containsExactly("f-error");
        assertThat(requestIds("?status=TIMEOUT")).containsExactly("f-timeout");
        assertThat(requestIds("?status=cancelled")).containsExactly("f-cancelled");
        assertThat(requestIds("?status=success&method=Echo")).containsExactly("f-alice");
        assertThat(requestIds("?principal=alice")).containsExactly("f-alice");
        assertThat(requestIds("?principal=u-1")).containsExactly("f-alice");
        assertThat(requestIds("?principal=bob")).isEmpty();
        assertThat(requestIds("?since=" + later)).containsExactly("f-collect", "f-expand");
        assertThat(get("/actuator/grpc/requests?status=success&size=1")).containsEntry("total", 3)
            .containsEntry("totalPages", 3);
        assertThat(requests("?principal=alice").get(0)).containsEntry("principalId", "u-1")
            .containsEntry("principalName", "alice");
    }

    @Test
    void filterValuesAreDataNotQueryText() {
        assertThat(call(MethodType.UNARY, "quote", text("q")).isOk()).isTrue();
        awaitLogged(1);
        assertThat(requestIds("?service=x' or '1'='1")).isEmpty();
        assertThat(requestIds("?principal=%25")).isEmpty();
    }

    @Test
    void oneCallInFullWithItsPayloadsByRequestIdOrRowIdAndUnknownIsA404() {
        assertThat(call(as("u-2/bob"), MethodType.UNARY, "full-1", text("payload text")).isOk()).isTrue();
        assertThat(call(MethodType.UNARY, "full-1", text("again")).isOk()).isTrue();
        awaitLogged(2);
        Map<String, Object> newest = get("/actuator/grpc/requests/{id}", "full-1");
        assertThat(newest).containsEntry("requestId", "full-1")
            .containsEntry("fullMethod", ECHO + "/Echo")
            .containsEntry("status", "success")
            .containsEntry("authenticated", false)
            .containsKeys("userAgent", "peer", "bytesIn", "bytesOut", "completedAt");
        assertThat((String) newest.get("requestPayload")).contains("again");
        assertThat((String) newest.get("responsePayload")).contains("again");
        List<String> older = (List<String>) newest.get("sameRequestId");
        assertThat(older).hasSize(1);

        Map<String, Object> first = get("/actuator/grpc/requests/{id}", older.get(0));
        assertThat(first).containsEntry("id", older.get(0))
            .containsEntry("principalName", "bob")
            .containsEntry("authenticated", true)
            .containsEntry("apiKeyId", "key-u-2");
        assertThat((String) first.get("requestPayload")).contains("payload text");

        assertThat(this.http.getForEntity("/actuator/grpc/requests/nobody", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(this.http.getForEntity("/actuator/grpc/requests/{id}", String.class, UUID.randomUUID())
            .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void credentialsSentWithCallsAppearInNoSection() {
        String bearer = "Bearer " + TestTokens.hs256("carol", Map.of());
        String apiKey = "gk_secret_" + UUID.randomUUID();
        assertThat(call(withHeader("authorization", bearer), MethodType.UNARY, "creds", text("hello")).isOk()).isTrue();
        // a key nobody issued: authentication refuses the call, and the log must not keep what was tried
        assertThat(call(withHeader("x-api-key", apiKey), MethodType.UNARY, "creds-failed", text("hello")).getCode())
            .isEqualTo(Status.Code.UNAUTHENTICATED);
        awaitLogged(2);
        for (String path : List.of("/actuator/grpc", "/actuator/grpc/requests", "/actuator/grpc/requests/creds",
                "/actuator/grpc/requests/creds-failed", "/actuator/grpc/services", "/actuator/grpc/services/" + ECHO,
                "/actuator/grpc/timeline", "/actuator/grpc/inflight", "/actuator/health")) {
            String body = this.http.getForObject(path, String.class);
            assertThat(body).as(path).contains("\"").doesNotContain(bearer.substring(7), apiKey);
        }
    }

    private Channel withHeader(String name, String value) {
        return withHeader(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
    }

    // ---- inflight

    @Test
    void inflightShowsACallWhileItRunsAndNotAfter() {
        EchoCall chat = EchoCall.start(this.client.channel(), MethodType.BIDI_STREAMING, "running-chat",
                CallOptions.DEFAULT);
        chat.send(text("one")).send(text("two"));
        await().until(() -> chat.replies().size() == 2);
        Map<String, Object> running = await().atMost(Duration.ofSeconds(10))
            .until(() -> list(get("/actuator/grpc/inflight").get("calls")).stream()
                .filter(call -> "running-chat".equals(call.get("requestId")))
                .findFirst()
                .orElse(null), call -> call != null);
        assertThat(running).containsEntry("fullMethod", ECHO + "/Chat")
            .containsEntry("callType", "BIDI_STREAMING")
            .containsEntry("messagesIn", 2)
            .containsEntry("messagesOut", 2)
            .containsEntry("clientIp", "127.0.0.1")
            .containsKeys("startedAt", "runningMs");
        assertThat((String) running.get("peer")).as("the client's loopback address and port")
            .matches("/127\\.0\\.0\\.1:\\d+");
        assertThat((Integer) map(get("/actuator/grpc").get("inflight")).get("total")).isGreaterThanOrEqualTo(1);

        chat.halfClose();
        assertThat(chat.status().isOk()).isTrue();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> list(get("/actuator/grpc/inflight").get("calls")).stream()
                .noneMatch(call -> "running-chat".equals(call.get("requestId"))));
        awaitLogged(1);
        assertThat(get("/actuator/grpc/requests/{id}", "running-chat")).containsEntry("peer", running.get("peer"));
    }

    // ---- services, timeline, overview

    private void callEchoServiceMix() {
        for (int i = 0; i < 3; i++) {
            assertThat(call(MethodType.UNARY, "mix-ok-" + i, text("m")).isOk()).isTrue();
        }
        assertThat(call(MethodType.UNARY, "mix-error", failing("INTERNAL")).isOk()).isFalse();
        assertThat(call(MethodType.SERVER_STREAMING, "mix-expand", text("e")).isOk()).isTrue();
        awaitLogged(5);
    }

    @Test
    void servicesReportPerMethodFiguresAndTheLastCall() {
        Instant start = Instant.now().minusSeconds(1);
        callEchoServiceMix();
        Map<String, Object> body = get("/actuator/grpc/services?hours=2");
        assertThat(body).containsEntry("hours", 2);
        Map<String, Object> echo = list(body.get("services")).stream()
            .filter(service -> ECHO.equals(service.get("service")))
            .findFirst()
            .orElseThrow();
        assertThat(echo).containsEntry("total", 5).containsEntry("success", 4).containsEntry("error", 1);
        assertThat(Instant.parse((String) echo.get("lastCallAt"))).isAfter(start);
        List<Map<String, Object>> methods = list(echo.get("methods"));
        assertThat(methods).extracting(method -> method.get("method")).containsExactly("Echo", "Expand");
        assertThat(methods.get(0)).containsEntry("total", 4)
            .containsEntry("success", 3)
            .containsEntry("error", 1)
            .containsEntry("cancelled", 0)
            .containsEntry("timeout", 0)
            .containsEntry("successRate", 0.75)
            .containsKeys("avgMs", "p50Ms", "p95Ms", "p99Ms", "maxMs");
        double p50 = ((Number) methods.get(0).get("p50Ms")).doubleValue();
        double p99 = ((Number) methods.get(0).get("p99Ms")).doubleValue();
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(Instant.parse((String) methods.get(1).get("lastCallAt"))).isAfter(start);

        Map<String, Object> one = get("/actuator/grpc/services/{service}", ECHO);
        assertThat(one).containsEntry("hours", 24).containsEntry("service", ECHO).containsEntry("total", 5);
        assertThat(list(one.get("methods"))).hasSize(2);
        assertThat(this.http.getForEntity("/actuator/grpc/services/grpcops.test.v1.Nothing", String.class)
            .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void timelineBucketsTheCallsByMinuteHourAndDay() {
        callEchoServiceMix();
        Map<String, Object> minutes = get("/actuator/grpc/timeline?interval=minute&hours=1");
        assertThat(minutes).containsEntry("hours", 1).containsEntry("interval", "minute");
        assertThat(list(minutes.get("buckets"))).isNotEmpty().allSatisfy(bucket -> {
            Instant start = Instant.parse((String) bucket.get("start"));
            assertThat(start).isEqualTo(start.truncatedTo(ChronoUnit.MINUTES));
            assertThat(bucket).containsKeys("total", "success", "error", "avgMs");
        });
        for (String query : List.of("?interval=minute&hours=1", "", "?interval=DAY&hours=48")) {
            List<Map<String, Object>> buckets = list(get("/actuator/grpc/timeline" + query).get("buckets"));
            assertThat(buckets.stream().mapToInt(bucket -> (Integer) bucket.get("total")).sum()).as(query).isEqualTo(5);
            assertThat(buckets.stream().mapToInt(bucket -> (Integer) bucket.get("error")).sum()).as(query).isEqualTo(1);
        }
        assertThat(get("/actuator/grpc/timeline")).containsEntry("interval", "hour").containsEntry("hours", 24);
    }

    @Test
    void overviewHasStatisticsServicesAndWriterHealth() {
        callEchoServiceMix();
        Map<String, Object> overview = get("/actuator/grpc?hours=1");
        Map<String, Object> requests = map(overview.get("requests"));
        assertThat(requests).containsEntry("hours", 1);
        assertThat(map(requests.get("statistics"))).containsEntry("total", 5)
            .containsEntry("success", 4)
            .containsEntry("error", 1)
            .containsEntry("cancelled", 0)
            .containsEntry("timeout", 0)
            .containsEntry("successRate", 0.8)
            .containsKeys("avgMs", "p95Ms", "p99Ms");
        Map<String, Object> writer = map(requests.get("writer"));
        assertThat((Integer) writer.get("written")).isGreaterThanOrEqualTo(5);
        // cumulative since start: other tests of this context may have dropped a row on purpose
        assertThat(writer).containsEntry("queued", 0)
            .containsEntry("dropped", (int) this.writer.counts().dropped())
            .containsEntry("droppedRejected", (int) this.writer.counts().droppedRejected());
        assertThat(list(overview.get("services"))).singleElement()
            .satisfies(service -> assertThat(service).containsEntry("service", ECHO).containsEntry("total", 5));
        assertThat(overview).containsKeys("inflight", "instance");
        assertThat((List<String>) overview.get("sections")).contains("requests", "inflight", "services", "timeline");
    }

    // ---- database outage

    @Test
    void withTheTablesGoneReadsAre503AndTheOverviewStillAnswers() {
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        jdbc.execute("alter table grpc_request_log rename to grpc_request_log_away");
        jdbc.execute("alter table grpc_request_stats rename to grpc_request_stats_away");
        try {
            for (String path : List.of("/actuator/grpc/requests", "/actuator/grpc/requests/some-id",
                    "/actuator/grpc/services", "/actuator/grpc/services/" + ECHO, "/actuator/grpc/timeline")) {
                ResponseEntity<Map> response = this.http.getForEntity(path, Map.class);
                assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat((String) response.getBody().get("message")).as(path)
                    .startsWith(path.startsWith("/actuator/grpc/requests") ? "The request log table could not be read"
                            : "The request statistics table could not be read");
            }
            Map<String, Object> overview = get("/actuator/grpc");
            assertThat(map(map(overview.get("requests")).get("statistics"))).containsKey("unavailable");
            assertThat(map(map(overview.get("requests")).get("writer"))).containsKeys("queued", "written", "dropped");
            assertThat(map(overview.get("services"))).containsKey("unavailable");
            assertThat(overview).containsKeys("instance", "inflight");
            assertThat(get("/actuator/grpc/inflight")).containsKey("calls");
        }
        finally {
            jdbc.execute("alter table grpc_request_log_away rename to grpc_request_log");
            jdbc.execute("alter table grpc_request_stats_away rename to grpc_request_stats");
        }
    }

    // ---- validation

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = { "/actuator/grpc?hours=0|hours", "/actuator/grpc?hours=721|hours",
            "/actuator/grpc/requests?page=-1|page", "/actuator/grpc/requests?page=x|page",
            "/actuator/grpc/requests?size=0|size", "/actuator/grpc/requests?size=501|size",
            "/actuator/grpc/requests?page=10000|page", "/actuator/grpc/requests?before=x,y|before",
            "/actuator/grpc/requests?after=2026-01-31T12:00:00Z|after",
            "/actuator/grpc/requests?after=2026-01-31T12:00:00Z,019ad5e3-6c1d-7a3e-9b1f-0c2d3e4f5a6b&before=2026-01-31T12:00:00Z,019ad5e3-6c1d-7a3e-9b1f-0c2d3e4f5a6b|after",
            "/actuator/grpc/requests?before=2026-01-31T12:00:00Z,019ad5e3-6c1d-7a3e-9b1f-0c2d3e4f5a6b&page=1|page",
            "/actuator/grpc/requests?status=ok|status", "/actuator/grpc/requests?since=yesterday|since",
            "/actuator/grpc/services?hours=1.5|hours", "/actuator/grpc/services/" + ECHO + "?hours=0|hours",
            "/actuator/grpc/timeline?hours=abc|hours", "/actuator/grpc/timeline?interval=week|interval",
            "/actuator/grpc/timeline?interval=minute&hours=49|hours" })
    void badParameterIsA400NamingIt(String path, String parameter) {
        ResponseEntity<Map> response = this.http.getForEntity(path, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("status", 400);
        assertThat((String) response.getBody().get("message")).startsWith("Parameter '" + parameter + "' ");
    }

    @ParameterizedTest(name = "since={0} -> 400 naming the range")
    @ValueSource(strings = { "%2B999999999-12-31T23:59:59Z", "1999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z",
            "%2B10000-01-01T00:00:00Z" })
    void sinceOutsideTheRangeEveryDatabaseStoresIsA400NamingTheRange(String since) {
        assertSinceRefused(since);
    }

    @Test
    void sinceMoreThanADayAheadIsA400() {
        assertSinceRefused(Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString());
        assertThat(requests("?since=" + Instant.now().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS)))
            .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private void assertSinceRefused(String since) {
        ResponseEntity<Map> response = this.http
            .getForEntity(URI.create(this.http.getRootUri() + "/actuator/grpc/requests?since=" + since), Map.class);
        assertThat(response.getStatusCode()).as("since=%s: %s", since, response.getBody())
            .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("message",
                "Parameter 'since' must be between 2000-01-01T00:00:00Z and one day from now");
    }

    // ---- health

    @Test
    void healthIsDownWhileTheRequestLogDropsRowsAndUpAgainAfter() {
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(health().get("status")));
        long dropped = this.writer.counts().dropped();
        // No service: NOT NULL refuses the row, which the writer drops and counts.
        this.writer.write(FinishedCalls.entry("poison", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.writer.counts().dropped() == dropped + 1);
        Map<String, Object> down = health();
        assertThat(down).containsEntry("status", "DOWN");
        assertThat(map(down.get("details"))).containsEntry("requestLogDropping", true)
            .containsEntry("requestLogDropped", (int) dropped + 1)
            .containsEntry("heartbeatFresh", true);
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(health().get("status")));
        assertThat(map(health().get("details"))).containsEntry("requestLogDropping", false);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> health() {
        return this.http.getForObject("/actuator/health/grpc", Map.class);
    }
}
