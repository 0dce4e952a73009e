package io.github.grpcops.server;

import io.github.grpcops.pipeline.CallFactsServerInterceptor;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.ClientIpLookup;
import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.InProcessPipeline;
import io.github.grpcops.test.RawCall;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the request guard answers a malformed or oversized request with, in every call type, on
 * grpc-java's in-process transport without Spring (so without error mapping): the refusal path's
 * ErrorInfo with the guard's reason, the domain and the caller's request id.
 */
class RequestGuardRefusalTest {

    private static InProcessPipeline guardedEcho() {
        return InProcessPipeline.of(new RequestMessageGuard(1024).transform(new EchoTestService().bindService()),
                new CallFactsServerInterceptor(ClientIpLookup.PEER),
                new RequestGuardServerInterceptor(new CallRefuser("guard.test")));
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void malformedRequestIsInvalidArgumentWithErrorInfoInEveryCallType(MethodType type) throws Exception {
        // Field 1 as length-delimited, claiming 100 bytes that never come.
        byte[] truncated = { 0x0A, 0x64, 0x41 };
        byte[][] requests = EchoCall.streamsRequests(type)
                ? new byte[][] { EchoCalls.text("fine").toByteArray(), truncated } : new byte[][] { truncated };
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, "malformed-" + type);
        RawCall.Closed closed;
        try (InProcessPipeline pipeline = guardedEcho()) {
            closed = RawCall.send(pipeline.channel(), RawCall.of(EchoCall.method(type)), headers, requests);
        }
        assertThat(closed.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(closed.status().getDescription()).startsWith("Request message is not a valid grpcops.test.v1.EchoRequest");
        ErrorDetails.assertErrorInfo(closed.failure(), "MALFORMED_MESSAGE", "guard.test", "malformed-" + type);
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void oversizedRequestIsResourceExhaustedWithErrorInfoInEveryCallType(MethodType type) throws Exception {
        EchoRequest huge = EchoCalls.text("x".repeat(2048));
        EchoRequest[] requests = EchoCall.streamsRequests(type) ? new EchoRequest[] { EchoCalls.text("small"), huge }
                : new EchoRequest[] { huge };
        EchoCall call;
        try (InProcessPipeline pipeline = guardedEcho()) {
            call = EchoCall.complete(pipeline.channel(), type, "huge-" + type, requests);
            call.status();
        }
        assertThat(call.status().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(call.status().getDescription()).contains("exceeds the server's limit of 1024 bytes");
        assertThat(call.replies()).extracting(reply -> reply.getText()).doesNotContain(huge.getText());
        ErrorDetails.assertErrorInfo(call.failure(), "MESSAGE_TOO_LARGE", "guard.test", "huge-" + type);
    }
}
