package io.github.grpcops.server;

import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.RawCall;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Malformed calls of every type get a clear status and the server keeps serving: each test ends with
 * a normal call on the same channel.
 */
@EchoServerTest(properties = "grpc.server.max-inbound-message-size=64KB")
class BadInputTest {

    @Autowired
    GrpcTestClient client;

    ManagedChannel channel;

    @BeforeEach
    void connect() {
        this.channel = this.client.channel();
    }

    @AfterEach
    void serverStillServes() {
        assertThat(EchoServiceGrpc.newBlockingStub(this.channel).echo(EchoCalls.text("ok")).getText()).isEqualTo("ok");
    }

    @Test
    void unknownMethodIsUnimplemented() {
        assertStatus(rawCall(RawCall.unary("grpcops.test.v1.EchoService/NoSuchMethod"), new byte[0]), Status.Code.UNIMPLEMENTED,
                "grpcops.test.v1.EchoService/NoSuchMethod");
        assertStatus(rawCall(RawCall.unary("no.such.Service/Call"), new byte[0]), Status.Code.UNIMPLEMENTED, "no.such.Service");
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void malformedProtobufIsInvalidArgumentInEveryCallTypeAndTheNextCallIsServed(MethodType type) {
        // Field 1 as length-delimited, claiming 100 bytes that never come.
        byte[] truncated = { 0x0A, 0x64, 0x41 };
        byte[][] requests = EchoCall.streamsRequests(type)
                ? new byte[][] { EchoCalls.text("fine").toByteArray(), truncated } : new byte[][] { truncated };
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, "malformed-" + type);
        RawCall.Closed closed = RawCall.send(this.channel, RawCall.of(EchoCall.method(type)), headers, requests);
        assertStatus(closed.status(), Status.Code.INVALID_ARGUMENT,
                "Request message is not a valid grpcops.test.v1.EchoRequest");
        // The guard's reason survives error mapping, which adds details only to statuses without them.
        ErrorDetails.assertErrorInfo(closed.failure(), RequestMessageGuard.MALFORMED, "grpc-ops", "malformed-" + type);
        assertTheNextCallIsServed(type);
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void oversizedMessageIsResourceExhaustedNamingTheLimitInEveryCallTypeAndTheNextCallIsServed(MethodType type) {
        EchoRequest huge = EchoCalls.text("x".repeat(100 * 1024));
        EchoRequest[] requests = EchoCall.streamsRequests(type) ? new EchoRequest[] { EchoCalls.text("small"), huge }
                : new EchoRequest[] { huge };
        EchoCall call = EchoCall.complete(this.channel, type, "huge-" + type, requests);
        assertStatus(call.status(), Status.Code.RESOURCE_EXHAUSTED,
                "exceeds the server's limit of 65536 bytes (grpc.server.max-inbound-message-size)");
        ErrorDetails.assertErrorInfo(call.failure(), RequestMessageGuard.TOO_LARGE, "grpc-ops", "huge-" + type);
        assertTheNextCallIsServed(type);
    }

    @Test
    void messageFarBeyondTheTransportCeilingIsStillRefusedAndTheServerServesOn() {
        EchoRequest enormous = EchoCalls.text("x".repeat(2 * 1024 * 1024));
        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> EchoServiceGrpc.newBlockingStub(this.channel).echo(enormous))
            .satisfies(ex -> assertThat(ex.getStatus().getCode()).isIn(Status.Code.RESOURCE_EXHAUSTED,
                    Status.Code.CANCELLED));
    }

    @Test
    void headerBeyondTheDefaultMetadataLimitFailsClearlyOnTheClient() {
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, "x".repeat(10_000));
        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> EchoServiceGrpc.newBlockingStub(this.channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .echo(EchoCalls.text("hi")))
            .satisfies(ex -> assertThat(ex).hasStackTraceContaining("Header size exceeded max allowed size (8192)"));
    }

    private void assertTheNextCallIsServed(MethodType type) {
        EchoCall next = EchoCall.complete(this.channel, type, "next-" + type,
                EchoRequest.newBuilder().setText("next").setRepeat(1).build());
        assertThat(next.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(next.replies()).extracting(EchoReply::getText).containsExactly("next");
    }

    /** Sends {@code bodies} as they are, whatever the method's type, and returns the status the call ends with. */
    private Status rawCall(MethodDescriptor<byte[], byte[]> method, byte[]... bodies) {
        return RawCall.send(this.channel, method, new Metadata(), bodies).status();
    }

    private static void assertStatus(Status status, Status.Code code, String descriptionPart) {
        assertThat(status.getCode()).isEqualTo(code);
        assertThat(status.getDescription()).contains(descriptionPart);
    }
}
