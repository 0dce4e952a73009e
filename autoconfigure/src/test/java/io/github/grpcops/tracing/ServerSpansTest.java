package io.github.grpcops.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.grpcops.client.BearerTokenClientInterceptor;
import io.github.grpcops.client.TraceParentClientInterceptor;
import io.github.grpcops.test.CapturedLog;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Micrometer Tracing (Spring Boot's OpenTelemetry bridge, spans kept in memory) each call is one
 * server span covering the pipeline inside the request id: calls of every type, and calls rejected by
 * authentication and rate limiting, each with the status the client received; the caller's
 * {@code traceparent} is its parent; the span's trace and span ids are in the MDC of every grpc-ops log
 * line of the call, in its console line, in its request-log row and in what it passes on. Real Netty
 * server, real HTTP, H2.
 */
@AutoConfigureObservability
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.tracing.sampling.probability=1.0", "grpc.console-log.success-level=info",
                "grpc.request-log.writer.flush-interval=50ms", "management.endpoints.web.exposure.include=grpc",
                "grpc.auth.jwt.secret=tracing-test-secret-0123456789-abcdefghij", "grpc.rate-limit.enabled=true",
                "grpc.rate-limit.limits[0].method=" + ServerSpansTest.ECHO + "/Collect",
                "grpc.rate-limit.limits[0].capacity=1", "grpc.rate-limit.limits[0].period=1h",
                "logging.level.io.github.grpcops.auth=debug" })
@Import(ServerSpansTest.Spans.class)
class ServerSpansTest {

    static final String ECHO = EchoServiceGrpc.SERVICE_NAME;

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("rpc.grpc.status_code");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    GrpcTestClient client;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MeterRegistry meters;

    /** Every grpc-ops log event, with the MDC it was logged with. */
    private CapturedLog logged;

    @BeforeEach
    void captureLogEvents() {
        this.logged = CapturedLog.of("io.github.grpcops");
    }

    @AfterEach
    void stopCapturing() {
        this.logged.close();
    }

    @Test
    void everyCallIsOneServerSpanChildOfTheCallersWithTheStatusTheClientGotJoinedToItsLogsAndRow() throws Exception {
        List<Traced> calls = new ArrayList<>();
        for (MethodType type : List.of(MethodType.UNARY, MethodType.CLIENT_STREAMING, MethodType.SERVER_STREAMING,
                MethodType.BIDI_STREAMING)) {
            calls.add(call(type, this.client.channel(), "traceparent-out", Status.Code.OK));
        }
        Channel badToken = ClientInterceptors.intercept(this.client.channel(),
                new BearerTokenClientInterceptor(() -> "not-a-token"));
        calls.add(call(MethodType.UNARY, badToken, "x", Status.Code.UNAUTHENTICATED));
        // Collect is limited to one call an hour: the one above took it.
        calls.add(call(MethodType.CLIENT_STREAMING, this.client.channel(), "x", Status.Code.RESOURCE_EXHAUSTED));

        for (Traced call : calls) {
            SpanData span = theOnlySpanOf(call);
            assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(span.getName()).isEqualTo(call.method());
            assertThat(span.getParentSpanId()).as("the caller's span").isEqualTo(call.parentId());
            assertThat(span.getAttributes().get(STATUS_CODE)).isEqualTo(call.expected().value());
            assertThat(span.getAttributes().get(AttributeKey.stringKey("rpc.system"))).isEqualTo("grpc");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("rpc.service"))).isEqualTo(ECHO);
            assertThat(span.getStatus().getStatusCode()).as("client faults are no server errors")
                .isNotEqualTo(StatusCode.ERROR);

            String consoleEnd = "gRPC call ended " + call.method() + " status=" + call.expected();
            assertThat(eventsOf(call.traceId())).as("grpc-ops log lines in the call's trace and span")
                .allSatisfy(event -> assertThat(event.getMDCPropertyMap()).containsEntry("spanId", span.getSpanId()))
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith(consoleEnd).endsWith(" traceId=" + call.traceId()));

            JsonNode row = theOnlyRowOf(call.traceId());
            assertThat(row.path("grpcStatus").asText()).isEqualTo(call.expected().name());
            JsonNode detail = JSON.readTree(this.http.getForObject(
                    "/actuator/grpc/requests/" + row.path("requestId").asText(), String.class));
            assertThat(detail.path("spanId").asText()).isEqualTo(span.getSpanId());
        }
        for (Traced served : calls.subList(0, 4)) {
            assertThat(served.reply()).as("what a call made by the service carries on")
                .isEqualTo(TraceParent.format(served.traceId(), theOnlySpanOf(served).getSpanId(), true));
        }
        assertThat(eventsOf(calls.get(4).traceId())).extracting(ILoggingEvent::getFormattedMessage)
            .as("authentication's own line").anySatisfy(line -> assertThat(line).startsWith("Rejected " + ECHO));
    }

    @Test
    void serviceCodeRunsWithTheSpanInTheMdc() {
        Traced call = call(MethodType.BIDI_STREAMING, this.client.channel(), "mdc-trace", Status.Code.OK);
        assertThat(call.reply()).isEqualTo(call.traceId() + " " + theOnlySpanOf(call).getSpanId());
    }

    @Test
    void aCallWithoutTraceParentStartsATraceOfItsOwn() {
        EchoCall call = EchoCall.complete(this.client.channel(), MethodType.UNARY, null, request("mdc-trace"));
        assertThat(call.status().isOk()).isTrue();
        String traceId = call.replies().get(0).getText().split(" ")[0];
        assertThat(TraceParent.isTraceId(traceId)).isTrue();
        await().untilAsserted(() -> assertThat(spansOf(traceId)).singleElement()
            .satisfies(span -> assertThat(span.getParentSpanContext().isValid()).isFalse()));
    }

    @Test
    void aCancelledCallEndsItsSpanOnceAsCancelled() {
        String parent = TraceParent.format(randomHex(32), randomHex(16), true);
        Channel channel = ClientInterceptors.intercept(this.client.channel(),
                new TraceParentClientInterceptor(() -> parent));
        EchoCall call = EchoCall.open(channel, MethodType.BIDI_STREAMING, null, CallOptions.DEFAULT, request("open"));
        await().until(() -> !call.replies().isEmpty());
        call.cancel();
        String traceId = TraceParent.parse(parent).traceId();
        await().untilAsserted(() -> assertThat(spansOf(traceId)).singleElement()
            .satisfies(span -> assertThat(span.getAttributes().get(STATUS_CODE))
                .isEqualTo(Status.Code.CANCELLED.value())));
    }

    @Test
    void aCallPastItsDeadlineEndsItsSpanOnceAsAServerError() {
        Channel connected = this.client.channel();
        call(MethodType.UNARY, connected, "connect first: the deadline is for the call", Status.Code.OK);
        Traced call = call(MethodType.UNARY, connected,
                EchoRequest.newBuilder().setText("slow").setDelayMs(1_500).build(),
                CallOptions.DEFAULT.withDeadlineAfter(500, TimeUnit.MILLISECONDS), Status.Code.DEADLINE_EXCEEDED);
        SpanData span = theOnlySpanOf(call);
        assertThat(span.getAttributes().get(STATUS_CODE)).isEqualTo(Status.Code.DEADLINE_EXCEEDED.value());
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void aFailedCallsSpanRecordsTheStatusTheClientGotNeverTheExceptionsMessageAndErrorMappingLogsInIt() {
        Traced call = call(MethodType.UNARY, this.client.channel(),
                EchoRequest.newBuilder().setText("x").setFailWith("THROW").build(), CallOptions.DEFAULT, null);
        SpanData span = theOnlySpanOf(call);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).startsWith(call.received().getCode().name());
        assertThat(span.toString()).doesNotContain("s3cr3t");
        assertThat(eventsOf(call.traceId())).as("error mapping's line, in the call's span")
            .filteredOn(event -> event.getFormattedMessage().startsWith(call.method() + " failed with "))
            .singleElement()
            .satisfies(event -> assertThat(event.getMDCPropertyMap()).containsEntry("spanId", span.getSpanId()));
    }

    @Test
    void theSpanAddsNoMetersAndNetDevhsObservationDoesNotRun() {
        call(MethodType.UNARY, this.client.channel(), "x", Status.Code.OK);
        assertThat(this.meters.getMeters()).extracting(meter -> meter.getId().getName())
            .contains("grpc.server.processing.duration")
            .doesNotContain("grpc.server", "grpc.server.active", "grpc.server.call.duration");
    }

    @Test
    void requestsAreFilteredByAValidTraceIdOnly() {
        ResponseEntity<String> malformed = this.http.getForEntity("/actuator/grpc/requests?traceId=not-a-trace",
                String.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getBody()).contains("Parameter 'traceId' must be a W3C trace id");
        ResponseEntity<String> zeros = this.http.getForEntity("/actuator/grpc/requests?traceId=" + "0".repeat(32),
                String.class);
        assertThat(zeros.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        Traced call = call(MethodType.UNARY, this.client.channel(), "x", Status.Code.OK);
        JsonNode row = theOnlyRowOf(call.traceId().toUpperCase());
        assertThat(row.path("traceId").asText()).isEqualTo(call.traceId());
    }

    // ---- helpers

    private Traced call(MethodType type, Channel channel, String text, Status.Code expected) {
        return call(type, channel, request(text), CallOptions.DEFAULT, expected);
    }

    /** A call of {@code type} with a fresh {@code traceparent}; {@code expected} is the status it must end with. */
    private Traced call(MethodType type, Channel channel, EchoRequest request, CallOptions options,
            Status.Code expected) {
        String traceId = randomHex(32);
        String parentId = randomHex(16);
        Channel traced = ClientInterceptors.intercept(channel,
                new TraceParentClientInterceptor(() -> TraceParent.format(traceId, parentId, true)));
        EchoCall call = EchoCall.start(traced, type, null, options).send(request).halfClose();
        Status status = call.status();
        if (expected != null) {
            assertThat(status.getCode()).as(status.toString()).isEqualTo(expected);
        }
        List<EchoReply> replies = call.replies();
        return new Traced(EchoCall.method(type).getFullMethodName(), traceId, parentId,
                (expected != null) ? expected : status.getCode(), status,
                replies.isEmpty() ? null : replies.get(0).getText());
    }

    private static EchoRequest request(String text) {
        return EchoRequest.newBuilder().setText(text).setRepeat(1).build();
    }

    private SpanData theOnlySpanOf(Traced call) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !spansOf(call.traceId()).isEmpty());
        List<SpanData> spans = spansOf(call.traceId());
        assertThat(spans).as("spans of trace " + call.traceId()).hasSize(1);
        return spans.get(0);
    }

    private static List<SpanData> spansOf(String traceId) {
        return SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private List<ILoggingEvent> eventsOf(String traceId) {
        return this.logged.events()
            .stream()
            .filter(event -> traceId.equals(event.getMDCPropertyMap().get("traceId")))
            .toList();
    }

    private JsonNode theOnlyRowOf(String traceId) {
        JsonNode[] rows = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            rows[0] = JSON.readTree(this.http.getForObject("/actuator/grpc/requests?traceId=" + traceId, String.class))
                .path("requests");
            assertThat(rows[0]).hasSize(1);
        });
        return rows[0].get(0);
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < digits) {
            hex.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
        }
        return hex.substring(0, digits);
    }

    /**
     * A call as the test made it.
     * @param method full method name
     * @param traceId the trace its traceparent named
     * @param parentId the caller's span its traceparent named
     * @param expected the status the client got
     * @param received the status with its description
     * @param reply the first reply's text, or {@code null}
     */
    record Traced(String method, String traceId, String parentId, Status.Code expected, Status received,
            String reply) {
    }

    /** Spans exported as each ends, not in batches. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {

        @Bean
        SpanProcessor inMemorySpans() {
            return SimpleSpanProcessor.create(SPANS);
        }
    }
}
