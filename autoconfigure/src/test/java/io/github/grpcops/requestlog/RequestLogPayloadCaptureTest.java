package io.github.grpcops.requestlog;

import java.time.Duration;
import java.util.List;

import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms",
        "grpc.request-log.payloads.methods=grpcops.test.v1.EchoService/Echo,grpcops.test.v1.EchoService/Expand",
        "grpc.request-log.payloads.redacted-fields=text", "grpc.request-log.payloads.max-size=64B" })
class RequestLogPayloadCaptureTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    GrpcRequestLogRepository rows;

    private GrpcRequestLog call(MethodType type, String id, EchoRequest request) {
        ManagedChannel channel = this.client.channel();
        assertThat(EchoCall.complete(channel, type, id, request).status().isOk()).isTrue();
        List<GrpcRequestLog> found = await().atMost(Duration.ofSeconds(20))
            .until(() -> this.rows.findByRequestId(id), list -> list.size() == 1);
        return found.get(0);
    }

    @Test
    void capturedPayloadsAreJsonWithRedactedFields() {
        GrpcRequestLog row = call(MethodType.UNARY, "payload-1",
                EchoRequest.newBuilder().setText("my-secret-text").setRepeat(2).build());
        assertThat(row.getRequestPayload()).isEqualTo("{\"text\":\"[REDACTED]\",\"repeat\":2}");
        assertThat(row.getResponsePayload()).startsWith("{\"text\":\"[REDACTED]\",\"count\":1");
        assertThat(row.getRequestPayload() + row.getResponsePayload()).doesNotContain("my-secret-text");
    }

    @Test
    void capturedPayloadIsCutAtTheSizeCap() {
        GrpcRequestLog row = call(MethodType.SERVER_STREAMING, "payload-2-" + "x".repeat(60),
                EchoRequest.newBuilder().setText("t").setRepeat(3).build());
        assertThat(row.getResponsePayload()).hasSize(64).endsWith(PayloadCapture.TRUNCATED);
        assertThat(row.getMessagesOut()).isEqualTo(3);
    }

    @Test
    void methodsNotListedAreNotCaptured() {
        GrpcRequestLog row = call(MethodType.CLIENT_STREAMING, "payload-3",
                EchoRequest.newBuilder().setText("not captured").build());
        assertThat(row.getRequestPayload()).isNull();
        assertThat(row.getResponsePayload()).isNull();
    }
}
