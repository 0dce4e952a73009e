package io.github.grpcops.client;

import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request above the server's {@code grpc.server.max-inbound-message-size} fails clearly, and the server lives on. */
@EchoServerTest(properties = "grpc.server.max-inbound-message-size=64KB")
class DynamicGrpcClientInboundLimitTest {

    @Autowired
    GrpcTestClient grpc;

    private static final String HUGE = "{\"text\": \"" + "x".repeat(100 * 1024) + "\"}";

    @Test
    void requestAboveTheLimitTheClientKnowsIsRejectedBeforeSending() {
        try (DynamicGrpcClient client = DynamicGrpcClient.forAddress("127.0.0.1", this.grpc.port())
            .maxRequestSize(64 * 1024)
            .build()) {
            assertThatThrownBy(() -> client.call("grpcops.test.v1.EchoService", "Echo").request(HUGE).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                    assertThat(ex.getRequestIndex()).isZero();
                    assertThat(ex.getMessage()).isEqualTo("Request 0 is 102404 bytes as protobuf, above the 65536 bytes "
                            + "the server accepts");
                });
        }
    }

    @Test
    void serverRefusesARequestAboveItsLimitAndServesTheNextCall() {
        try (DynamicGrpcClient client = DynamicGrpcClient.forAddress("127.0.0.1", this.grpc.port())
            .maxRequestSize(1024 * 1024)
            .build()) {
            // Up to twice the limit the request guard answers with a status, not grpc-java's stream reset.
            assertThatThrownBy(() -> client.call("grpcops.test.v1.EchoService", "Echo").request(HUGE).execute())
                .isInstanceOfSatisfying(CallFailedException.class, ex -> {
                    assertThat(ex.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(ex.getDescription()).isEqualTo("Request message of 102404 bytes exceeds the server's "
                            + "limit of 65536 bytes (grpc.server.max-inbound-message-size)");
                });
            assertThat(client.call("grpcops.test.v1.EchoService", "Echo").request("{\"text\": \"small\"}").execute().single())
                .contains("small");
        }
    }
}
