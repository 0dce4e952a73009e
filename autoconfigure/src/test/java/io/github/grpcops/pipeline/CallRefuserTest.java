package io.github.grpcops.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.InProcessPipeline;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one refusal path on grpc-java's in-process transport, without Spring (and so without error
 * mapping): what the client gets for a call refused before the service and for one ended half-way.
 */
class CallRefuserTest {

    private static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after",
            Metadata.ASCII_STRING_MARSHALLER);

    private static final Refusal SLOW_DOWN = Refusal.of(Status.Code.RESOURCE_EXHAUSTED, "Slow down", "TEST_REFUSED")
        .withDetail(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(3)).build())
        .withTrailer(RETRY_AFTER, "3");

    private final CallRefuser refuser = new CallRefuser("refusals.test");

    private static EchoRequest request(String text) {
        return EchoRequest.newBuilder().setText(text).setRepeat(1).build();
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void aCallOfEveryTypeRefusedBeforeTheServiceGetsStatusErrorInfoExtraDetailsAndTrailers(MethodType type)
            throws Exception {
        EchoCall call;
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(),
                new CallFactsServerInterceptor(ClientIpLookup.PEER), refuseEveryCall(SLOW_DOWN))) {
            call = EchoCall.complete(pipeline.channel(), type, "refused-" + type, request("a"), request("b"));
            call.status();
        }
        assertThat(call.replies()).as("the service never ran").isEmpty();
        StatusRuntimeException ex = call.failure();
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(ex.getStatus().getDescription()).isEqualTo("Slow down");
        ErrorInfo info = ErrorDetails.errorInfo(ex);
        assertThat(info.getReason()).isEqualTo("TEST_REFUSED");
        assertThat(info.getDomain()).isEqualTo("refusals.test");
        assertThat(info.getMetadataMap()).containsExactlyEntriesOf(java.util.Map.of("requestId", "refused-" + type));
        assertThat(ErrorDetails.detail(ex, RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(3);
        assertThat(call.trailers().get(RETRY_AFTER)).isEqualTo("3");
    }

    @Test
    void aGeneratedRequestIdInTheErrorInfoIsTheOneEveryInterceptorSaw() throws Exception {
        FactsRecorder seen = new FactsRecorder();
        EchoCall call;
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(),
                new CallFactsServerInterceptor(ClientIpLookup.PEER), seen, refuseEveryCall(SLOW_DOWN))) {
            call = EchoCall.complete(pipeline.channel(), MethodType.UNARY, null, request("a"));
            call.status();
        }
        String generated = seen.facts.get(0).requestId();
        assertThat(generated).hasSize(36);
        assertThat(ErrorDetails.errorInfo(call.failure()).getMetadataMap()).containsEntry("requestId", generated);
    }

    @Test
    void withoutCallFactsTheRequestIdComesFromTheHeaders() throws Exception {
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(), refuseEveryCall(SLOW_DOWN))) {
            EchoCall given = EchoCall.complete(pipeline.channel(), MethodType.UNARY, "lonely-1", request("a"));
            assertThat(ErrorDetails.errorInfo(given.failure()).getMetadataMap()).containsEntry("requestId", "lonely-1");
            EchoCall none = EchoCall.complete(pipeline.channel(), MethodType.UNARY, null, request("a"));
            assertThat(ErrorDetails.errorInfo(none.failure()).getMetadataMap().get("requestId")).hasSize(36);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "CLIENT_STREAMING", "BIDI_STREAMING" })
    void aStreamEndedHalfWayGetsTheSameDetailsAndTheServiceSeesNoMore(MethodType type) throws Exception {
        Refusal bad = Refusal.of(Status.Code.INVALID_ARGUMENT, "The second message is bad", "TEST_BAD_MESSAGE");
        EchoCall call;
        try (InProcessPipeline pipeline = InProcessPipeline.of(new EchoTestService(),
                new CallFactsServerInterceptor(ClientIpLookup.PEER), closeOnMessage("bad", bad))) {
            call = EchoCall.complete(pipeline.channel(), type, "half-way-" + type, request("good"), request("bad"),
                    request("after"));
            call.status();
        }
        StatusRuntimeException ex = call.failure();
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        ErrorDetails.assertErrorInfo(ex, "TEST_BAD_MESSAGE", "refusals.test", "half-way-" + type);
        assertThat(call.replies()).extracting(r -> r.getText()).doesNotContain("bad", "after", "goodbadafter");
    }

    @Test
    void detailsTheTrailersAlreadyCarryAreSentAsTheyAre() {
        Metadata theirs = new Metadata();
        com.google.rpc.Status own = com.google.rpc.Status.newBuilder().setCode(9).setMessage("their own").build();
        theirs.put(CallRefuser.DETAILS_KEY, own);
        Refusal refusal = new Refusal(Status.Code.FAILED_PRECONDITION, "their own", "THEIRS", java.util.List.of(),
                theirs);
        assertThat(this.refuser.answer(refusal, "id-1").trailers().get(CallRefuser.DETAILS_KEY)).isEqualTo(own);
    }

    @Test
    void aRefusalIsImmutable() {
        Refusal plain = Refusal.of(Status.Code.UNAVAILABLE, "down", "DOWN");
        Refusal more = plain.withTrailer(RETRY_AFTER, "1");
        plain.trailers().put(RETRY_AFTER, "99");
        assertThat(plain.trailers().containsKey(RETRY_AFTER)).isFalse();
        assertThat(more.trailers().getAll(RETRY_AFTER)).containsExactly("1");
        assertThat(this.refuser.answer(more, "id-2").trailers().getAll(RETRY_AFTER)).containsExactly("1");
    }

    private ServerInterceptor refuseEveryCall(Refusal refusal) {
        return new ServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                    ServerCallHandler<ReqT, RespT> next) {
                return CallRefuserTest.this.refuser.refuse(call, headers, refusal);
            }
        };
    }

    /** Ends the call when a request with {@code text} arrives, as the request guard does. */
    private ServerInterceptor closeOnMessage(String text, Refusal refusal) {
        return new ServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                    ServerCallHandler<ReqT, RespT> next) {
                AtomicBoolean closed = new AtomicBoolean();
                return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                    @Override
                    public void onMessage(ReqT message) {
                        if (!closed.get() && ((EchoRequest) message).getText().equals(text)) {
                            closed.set(true);
                            CallRefuserTest.this.refuser.close(call, headers, refusal);
                        }
                        else if (!closed.get()) {
                            super.onMessage(message);
                        }
                    }

                    @Override
                    public void onHalfClose() {
                        if (!closed.get()) {
                            super.onHalfClose();
                        }
                    }
                };
            }
        };
    }
}
