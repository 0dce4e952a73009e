package io.github.grpcops.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.Invocations;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.auth.probe.api.AuthProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.GrpcRequestLogRepository;
import io.github.grpcops.requestlog.InFlightCalls;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Authenticated streaming calls that end early, over real Netty with the request log on H2: the
 * principal is there in every callback up to the end, the call ends {@code CANCELLED} or
 * {@code DEADLINE_EXCEEDED}, the request log records it with the principal, and nothing stays behind
 * (no call in flight, no principal on the worker threads for the next, anonymous calls).
 */
@AuthProbeTest(properties = "grpc.auth.require-auth=true")
class AuthenticatedCallEndingsTest {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    Invocations invocations;

    @Autowired
    GrpcRequestLogRepository rows;

    @Autowired
    InFlightCalls inFlight;

    @Autowired
    MeterRegistry registry;

    private final String token = TestTokens.hs256("alice", Map.of());

    @BeforeEach
    void reset() {
        this.invocations.reset();
    }

    @Test
    void streamCancelledByTheClientMidwayEndsCancelledWithThePrincipalToTheEnd() throws Exception {
        String id = "cancelled-" + System.nanoTime();
        Chat chat = Chat.open(stub(id));
        assertThat(chat.first.get(10, TimeUnit.SECONDS).getPrincipalId()).isEqualTo("alice");
        chat.requests.cancel("client gave up", null);

        assertThat(chat.status.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.CANCELLED);
        assertEndedCleanly(id, "cancelled", "CANCELLED");
    }

    @Test
    void streamWhoseDeadlineExpiresEndsDeadlineExceededWithThePrincipalToTheEnd() throws Exception {
        String id = "deadline-" + System.nanoTime();
        Chat chat = Chat.open(stub(id).withDeadlineAfter(500, TimeUnit.MILLISECONDS));
        assertThat(chat.first.get(10, TimeUnit.SECONDS).getPrincipalId()).isEqualTo("alice");

        assertThat(chat.status.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertEndedCleanly(id, "timeout", "DEADLINE_EXCEEDED");
    }

    private void assertEndedCleanly(String id, String result, String grpcStatus) {
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(this.invocations.cancelledSeen()).as("principal in the service's onError")
                .containsExactly("alice"));
        List<GrpcRequestLog> logged = await().atMost(Duration.ofSeconds(20))
            .until(() -> this.rows.findByRequestId(id), list -> !list.isEmpty());
        GrpcRequestLog row = logged.get(0);
        assertThat(row.getStatus()).isEqualTo(result);
        assertThat(row.getGrpcStatus()).isEqualTo(grpcStatus);
        assertThat(row.isAuthenticated()).isTrue();
        assertThat(row.getPrincipalId()).isEqualTo("alice");
        assertThat(row.getAuthMethod()).isEqualTo("jwt");
        assertThat(row.getMessagesIn()).isEqualTo(1);
        assertThat(this.inFlight.snapshot()).noneMatch(call -> call.requestId().equals(id));
        await().untilAsserted(() -> assertThat(this.registry.get("grpc.server.calls.active").gauge().value()).isZero());
        // Many anonymous calls after it, spread over the worker threads: none sees the ended call's principal.
        AuthProbeGrpc.AuthProbeBlockingStub anonymous = new ProbeClient(this.grpc.channel(), new Metadata()).blocking();
        for (int i = 0; i < 20; i++) {
            WhoReply reply = anonymous.publicWho(WhoRequest.getDefaultInstance());
            assertThat(reply.getPrincipalId()).isEmpty();
            assertThat(reply.getSeen()).isEqualTo("-");
        }
    }

    private AuthProbeGrpc.AuthProbeStub stub(String requestId) {
        Metadata headers = ProbeClient.withRequestId(ProbeClient.bearer(this.token), requestId);
        return AuthProbeGrpc.newStub(this.grpc.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A bidi ChatWho call that sent one message and never half-closes. */
    private static final class Chat implements ClientResponseObserver<WhoRequest, WhoReply> {

        final CompletableFuture<WhoReply> first = new CompletableFuture<>();

        final CompletableFuture<Status> status = new CompletableFuture<>();

        ClientCallStreamObserver<WhoRequest> requests;

        static Chat open(AuthProbeGrpc.AuthProbeStub stub) {
            Chat chat = new Chat();
            StreamObserver<WhoRequest> requests = stub.chatWho(chat);
            requests.onNext(WhoRequest.newBuilder().setText("hello").build());
            return chat;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WhoRequest> requestStream) {
            this.requests = requestStream;
        }

        @Override
        public void onNext(WhoReply value) {
            this.first.complete(value);
        }

        @Override
        public void onError(Throwable t) {
            this.status.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            this.status.complete(Status.OK);
        }
    }
}
