package io.github.grpcops.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.github.grpcops.requestid.RequestIds;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Malformed calls get a clear status and the server keeps serving: each test ends with a normal
 * call on the same channel.
 */
@EchoServerTest(properties = "grpc.server.max-inbound-message-size=64KB")
class BadInputTest {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    };

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
        assertStatus(() -> rawCall("grpcops.test.v1.EchoService/NoSuchMethod", new byte[0]), Status.Code.UNIMPLEMENTED,
                "grpcops.test.v1.EchoService/NoSuchMethod");
        assertStatus(() -> rawCall("no.such.Service/Call", new byte[0]), Status.Code.UNIMPLEMENTED, "no.such.Service");
    }

    @Test
    void malformedProtobufIsRejectedWithoutReachingTheService() {
        // Field 1 as length-delimited, claiming 100 bytes that never come.
        byte[] truncated = { 0x0A, 0x64, 0x41 };
        assertStatus(() -> rawCall("grpcops.test.v1.EchoService/Echo", truncated), Status.Code.INVALID_ARGUMENT,
                "Request message is not a valid grpcops.test.v1.EchoRequest");
    }

    @Test
    void oversizedMessageIsResourceExhaustedNamingTheLimit() {
        EchoRequest huge = EchoCalls.text("x".repeat(100 * 1024));
        assertStatus(() -> EchoServiceGrpc.newBlockingStub(this.channel).echo(huge), Status.Code.RESOURCE_EXHAUSTED,
                "exceeds the server's limit of 65536 bytes (grpc.server.max-inbound-message-size)");
    }

    @Test
    void oversizedMessageInAClientStreamEndsThatStreamClearly() {
        List<EchoRequest> requests = List.of(EchoCalls.text("small"), EchoCalls.text("x".repeat(100 * 1024)));
        assertStatus(() -> EchoCalls.collect(this.channel, requests), Status.Code.RESOURCE_EXHAUSTED,
                "exceeds the server's limit of 65536 bytes");
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

    private byte[] rawCall(String fullMethodName, byte[] body) {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(fullMethodName)
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
        return ClientCalls.blockingUnaryCall(this.channel, method, CallOptions.DEFAULT, body);
    }

    private static void assertStatus(Runnable call, Status.Code code, String descriptionPart) {
        assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(call::run).satisfies(ex -> {
            assertThat(ex.getStatus().getCode()).isEqualTo(code);
            assertThat(ex.getStatus().getDescription()).contains(descriptionPart);
        });
    }
}
