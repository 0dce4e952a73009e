package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every call type, end to end over a real Netty server, leaves exactly one correct row: the same
 * tests run against H2 and PostgreSQL (subclasses).
 */
abstract class RequestLogCallsTestBase {

    @Autowired
    GrpcTestClient client;

    @Autowired
    GrpcRequestLogRepository rows;

    @Autowired
    InFlightCalls inFlight;

    @Autowired
    RequestLogWriter writer;

    @Autowired
    BoundedCallExecutor workers;

    ManagedChannel channel;

    @BeforeEach
    void openChannel() {
        this.channel = this.client.channel();
    }

    static String newId() {
        return "test-" + UUID.randomUUID();
    }

    static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).setRepeat(3).build();
    }

    static EchoRequest failing(String statusOrThrow) {
        return EchoRequest.newBuilder().setText("x").setFailWith(statusOrThrow).build();
    }

    static EchoRequest slow(int delayMs) {
        return EchoRequest.newBuilder().setText("slow").setDelayMs(delayMs).build();
    }

    GrpcRequestLog rowFor(String requestId) {
        List<GrpcRequestLog> found = await().atMost(Duration.ofSeconds(20))
            .until(() -> this.rows.findByRequestId(requestId), list -> !list.isEmpty());
        // One call, one row. A call's events run on the worker pool, and each observation of it stays in
        // flight until it hands its row to the writer: once none is in flight, no worker is busy and the
        // writer holds nothing, a duplicate row would be in the table.
        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.inFlight.snapshot().stream().noneMatch(call -> call.requestId().equals(requestId))
                    && this.workers.activeWorkers() == 0 && this.workers.queuedTasks() == 0
                    && this.writer.counts().queued() == 0);
        assertThat(this.rows.findByRequestId(requestId)).hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void successfulCallOfEveryTypeLeavesOneRowWithItsTraffic(MethodType type) {
        String id = newId();
        Instant before = Instant.now();
        EchoRequest[] requests = EchoCall.streamsRequests(type) ? new EchoRequest[] { text("a"), text("b"), text("c") }
                : new EchoRequest[] { text("abc") };
        EchoCall call = EchoCall.complete(this.channel, type, id, requests);
        assertThat(call.status().getCode()).isEqualTo(Status.Code.OK);

        GrpcRequestLog row = rowFor(id);
        assertThat(row.getStatus()).isEqualTo("success");
        assertThat(row.getGrpcStatus()).isEqualTo("OK");
        assertThat(row.getCallType()).isEqualTo(type.name());
        assertThat(row.getService()).isEqualTo("grpcops.test.v1.EchoService");
        assertThat(row.getFullMethod()).isEqualTo(EchoCall.method(type).getFullMethodName());
        assertThat(row.getMethod()).isEqualTo(row.getFullMethod().substring(row.getService().length() + 1));
        assertThat(row.getMessagesIn()).isEqualTo(requests.length);
        assertThat(row.getMessagesOut()).isEqualTo(call.replies().size());
        assertThat(row.getMessagesOut())
            .isEqualTo((type == MethodType.SERVER_STREAMING || type == MethodType.BIDI_STREAMING) ? 3 : 1);
        long requestBytes = 0;
        for (EchoRequest request : requests) {
            requestBytes += request.getSerializedSize();
        }
        assertThat(row.getBytesIn()).isEqualTo(requestBytes);
        assertThat(row.getBytesOut())
            .isEqualTo(call.replies().stream().mapToLong(reply -> reply.getSerializedSize()).sum());
        assertThat(row.getClientIp()).isEqualTo("127.0.0.1");
        assertThat(row.getPeer()).contains("127.0.0.1");
        assertThat(row.getUserAgent()).contains("grpc-java");
        assertThat(row.isAuthenticated()).isFalse();
        assertThat(row.getErrorMessage()).isNull();
        assertThat(row.getDurationMs()).isPositive();
        assertThat(row.getCreatedAt()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(row.getCompletedAt()).isAfterOrEqualTo(row.getCreatedAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(row.getRequestPayload()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void applicationErrorOfEveryTypeIsRecordedWithTheStatusTheClientGot(MethodType type) {
        String id = newId();
        EchoCall call = openAndSend(type, id, CallOptions.DEFAULT, failing("NOT_FOUND"));
        assertThat(call.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);

        GrpcRequestLog row = rowFor(id);
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("NOT_FOUND");
        assertThat(row.getErrorMessage()).isEqualTo("failed on request");
        assertThat(row.getMessagesIn()).isEqualTo(1);
        assertThat(row.getMessagesOut()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void unhandledExceptionIsRecordedAsTheInternalErrorTheCallerSawWithoutItsMessage(MethodType type) {
        String id = newId();
        EchoCall call = openAndSend(type, id, CallOptions.DEFAULT, failing("THROW"));
        // error mapping (on by default) answers an unmapped exception with INTERNAL
        assertThat(call.status().getCode()).isEqualTo(Status.Code.INTERNAL);

        GrpcRequestLog row = rowFor(id);
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("INTERNAL");
        assertThat(row.getErrorMessage()).isEqualTo("Internal error (request id " + id + ") [java.lang.IllegalStateException]");
        assertThat(this.rows.findByRequestId(id).toString() + row.getErrorMessage()).doesNotContain("s3cr3t");
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void clientCancellationOfEveryTypeIsRecordedAsCancelled(MethodType type) {
        String id = newId();
        EchoCall call = openAndSend(type, id, CallOptions.DEFAULT, slow(1500));
        awaitInFlight(id, 1);
        call.cancel();
        assertThat(call.status().getCode()).isEqualTo(Status.Code.CANCELLED);

        GrpcRequestLog row = rowFor(id);
        assertThat(row.getStatus()).isEqualTo("cancelled");
        assertThat(row.getGrpcStatus()).isEqualTo("CANCELLED");
        assertThat(row.getMessagesIn()).isEqualTo(1);
        await().until(() -> this.inFlight.snapshot().stream().noneMatch(c -> c.requestId().equals(id)));
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void deadlineExceededOfEveryTypeIsRecordedAsTimeout(MethodType type) {
        String id = newId();
        // The service works 700 ms past the deadline: the server sees it pass, and the row's duration with it.
        EchoCall call = openAndSend(type, id, CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS),
                slow(1000));
        assertThat(call.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);

        GrpcRequestLog row = rowFor(id);
        assertThat(row.getStatus()).isEqualTo("timeout");
        assertThat(row.getGrpcStatus()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(row.getDurationMs()).isGreaterThanOrEqualTo(250.0);
    }

    @Test
    void clientStreamCancelledMidwayIsRecordedWithTheMessagesReceivedSoFar() {
        String id = newId();
        EchoCall call = EchoCall.start(this.channel, MethodType.CLIENT_STREAMING, id, CallOptions.DEFAULT);
        for (int i = 0; i < 5; i++) {
            call.send(text("part-" + i));
        }
        awaitInFlight(id, 5);
        call.cancel();
        assertThat(call.status().getCode()).isEqualTo(Status.Code.CANCELLED);

        GrpcRequestLog row = rowFor(id);
        assertThat(row.getStatus()).isEqualTo("cancelled");
        assertThat(row.getMessagesIn()).isEqualTo(5);
        assertThat(row.getMessagesOut()).isZero();
    }

    @Test
    void tenThousandMessageBidiStreamIsVisibleWhileRunningAndLeavesOneRow() {
        String id = newId();
        int messages = 10_000;
        EchoCall call = EchoCall.start(this.channel, MethodType.BIDI_STREAMING, id, CallOptions.DEFAULT);
        for (int i = 0; i < messages / 2; i++) {
            call.send(text("m" + i));
        }
        // Half-way: replies are flowing back and the call is visible in flight, before the client finishes.
        await().atMost(Duration.ofSeconds(20)).until(() -> !call.replies().isEmpty());
        InFlightCalls.InFlightCall running = awaitInFlight(id, 1);
        assertThat(running.fullMethod()).isEqualTo("grpcops.test.v1.EchoService/Chat");
        assertThat(running.callType()).isEqualTo("BIDI_STREAMING");
        assertThat(this.rows.findByRequestId(id)).isEmpty();
        for (int i = messages / 2; i < messages; i++) {
            call.send(text("m" + i));
        }
        call.halfClose();
        assertThat(call.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(call.replies()).hasSize(messages);

        GrpcRequestLog row = rowFor(id);
        assertThat(row.getMessagesIn()).isEqualTo(messages);
        assertThat(row.getMessagesOut()).isEqualTo(messages);
        assertThat(row.getStatus()).isEqualTo("success");
    }

    @Test
    void overlongMethodNameAndUserAgentAreTruncatedNotRejected() {
        String id = newId();
        String userAgent = "agent-" + "x".repeat(1000);
        ManagedChannel longAgent = ManagedChannelBuilder.forAddress("127.0.0.1", this.client.port())
            .usePlaintext()
            .userAgent(userAgent)
            .build();
        try {
            byte[] reply = ClientCalls.blockingUnaryCall(
                    GrpcTestClient.withHeader(longAgent, io.github.grpcops.pipeline.RequestIds.HEADER, id),
                    LongNameService.METHOD, CallOptions.DEFAULT, new byte[] { 1, 2, 3 });
            assertThat(reply).containsExactly(1, 2, 3);
        }
        finally {
            longAgent.shutdownNow();
        }
        GrpcRequestLog row = rowFor(id);
        assertThat(row.getService()).hasSize(RequestLogColumn.Length.SERVICE)
            .startsWith("test.v1.VeryVery")
            .endsWith("…");
        assertThat(row.getMethod()).hasSize(RequestLogColumn.Length.METHOD).startsWith("MethodMethod");
        assertThat(row.getFullMethod()).hasSize(RequestLogColumn.Length.FULL_METHOD);
        assertThat(row.getUserAgent()).hasSize(RequestLogColumn.Length.USER_AGENT).startsWith("agent-xxx");
        assertThat(row.getBytesIn()).isZero();
        assertThat(row.getStatus()).isEqualTo("success");
    }

    @Test
    void principalFilledByAuthenticationFurtherInIsRecorded() {
        String id = newId();
        EchoCall call = EchoCall.complete(withHeader(TestAuthentication.USER, "u-42/Ada"), MethodType.UNARY, id,
                text("hi"));
        assertThat(call.status().isOk()).isTrue();

        GrpcRequestLog row = rowFor(id);
        assertThat(row.isAuthenticated()).isTrue();
        assertThat(row.getPrincipalId()).isEqualTo("u-42");
        assertThat(row.getPrincipalName()).isEqualTo("Ada");
        assertThat(row.getAuthMethod()).isEqualTo("api-key");
        assertThat(row.getApiKeyId()).isEqualTo("key-u-42");
    }

    @Test
    void callRejectedByAuthenticationIsRecordedAsTheClientSawIt() {
        String id = newId();
        EchoCall call = EchoCall.complete(withHeader(TestAuthentication.USER, "reject"), MethodType.BIDI_STREAMING, id,
                text("hi"));
        assertThat(call.status().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        GrpcRequestLog row = rowFor(id);
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("UNAUTHENTICATED");
        assertThat(row.getErrorMessage()).isEqualTo("test credential rejected");
        assertThat(row.isAuthenticated()).isFalse();
        assertThat(row.getPrincipalId()).isNull();
    }

    @Test
    void clientIpComesFromForwardedForBehindATrustedProxy() {
        String id = newId();
        EchoCall.complete(withHeader(Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER),
                "192.0.2.1, 203.0.113.9, 10.0.0.1"), MethodType.UNARY, id, text("hi"))
            .status();
        GrpcRequestLog row = rowFor(id);
        assertThat(row.getClientIp()).isEqualTo("203.0.113.9");
        assertThat(row.getPeer()).contains("127.0.0.1");
    }

    @Test
    void healthChecksAreNotRecordedByDefault() {
        String id = newId();
        io.grpc.health.v1.HealthGrpc.newBlockingStub(withHeader(io.github.grpcops.pipeline.RequestIds.HEADER, id))
            .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance());
        String marker = newId();
        EchoCall.complete(this.channel, MethodType.UNARY, marker, text("after")).status();
        rowFor(marker);
        assertThat(this.rows.findByRequestId(id)).isEmpty();
    }

    @Test
    void everyAcceptedRowIsAccountedFor() {
        for (int i = 0; i < 20; i++) {
            EchoCall.complete(this.channel, MethodType.UNARY, newId(), text("n" + i)).status();
        }
        await().until(() -> this.writer.counts().queued() == 0);
        RequestLogWriterCounts counts = this.writer.counts();
        assertThat(counts.dropped()).isZero();
        assertThat(counts.written()).isGreaterThanOrEqualTo(20);
    }

    /** The test's channel, sending {@code key: value} with every call. */
    Channel withHeader(Metadata.Key<String> key, String value) {
        return GrpcTestClient.withHeader(this.channel, key, value);
    }

    EchoCall openAndSend(MethodType type, String id, CallOptions options, EchoRequest request) {
        return EchoCall.open(this.channel, type, id, options, request);
    }

    InFlightCalls.InFlightCall awaitInFlight(String requestId, long messagesIn) {
        return await().atMost(Duration.ofSeconds(10))
            .until(() -> this.inFlight.snapshot()
                .stream()
                .filter(call -> call.requestId().equals(requestId) && call.messagesIn() >= messagesIn)
                .findFirst()
                .orElse(null), running -> running != null);
    }
}
