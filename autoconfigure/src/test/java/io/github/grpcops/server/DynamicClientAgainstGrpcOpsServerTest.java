package io.github.grpcops.server;

import io.github.grpcops.client.CallFailedException;
import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.client.MethodDescription;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the grpc-ops server adds, as grpc-ops-client sees it: both reflection versions, {@code ErrorInfo}
 * details with the request id, and the request guard's answer to a request above the inbound limit.
 */
@EchoServerTest(properties = "grpc.server.max-inbound-message-size=64KB")
class DynamicClientAgainstGrpcOpsServerTest {

    private static final String ECHO = "grpcops.test.v1.EchoService";

    @Autowired
    GrpcTestClient grpc;

    DynamicGrpcClient client;

    @BeforeEach
    void connect() {
        this.client = DynamicGrpcClient.forAddress("127.0.0.1", this.grpc.port()).maxRequestSize(1024 * 1024).build();
    }

    @AfterEach
    void close() {
        this.client.close();
    }

    @Test
    void listsEveryServiceIncludingBothReflectionVersions() {
        assertThat(this.client.listServices()).contains(ECHO, "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
    }

    @Test
    void describesTheReflectionV1ServiceItServes() {
        assertThat(this.client.describe("grpc.reflection.v1.ServerReflection").methods()).singleElement()
            .satisfies(method -> {
                assertThat(method.type()).isEqualTo(MethodType.BIDI_STREAMING);
                assertThat(method.requestType()).isEqualTo("grpc.reflection.v1.ServerReflectionRequest");
            });
        assertThat(this.client.describe(ECHO).methods()).extracting(MethodDescription::name)
            .containsExactly("Echo", "Collect", "Expand", "Chat");
    }

    @Test
    void errorInfoOfTheErrorMappingCarriesTheRequestId() {
        CallFailedException failure = catchThrowableOfType(CallFailedException.class, () -> this.client
            .call(ECHO, "Echo")
            .metadata("x-request-id", "failing-1")
            .request("{\"failWith\": \"NOT_FOUND\"}")
            .execute());
        assertThat(failure.getDetailsJson()).contains("\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\"")
            .contains("\"reason\":\"NOT_FOUND\"")
            .contains("\"requestId\":\"failing-1\"");
    }

    @Test
    void requestAboveTheServersLimitIsRefusedWithItsSizeAndTheNextCallIsServed() {
        String huge = "{\"text\": \"" + "x".repeat(100 * 1024) + "\"}";
        // Up to twice the limit the request guard answers with a status, not grpc-java's stream reset.
        assertThatThrownBy(() -> this.client.call(ECHO, "Echo").request(huge).execute())
            .isInstanceOfSatisfying(CallFailedException.class, ex -> {
                assertThat(ex.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(ex.getDescription()).isEqualTo("Request message of 102404 bytes exceeds the server's "
                        + "limit of 65536 bytes (grpc.server.max-inbound-message-size)");
            });
        assertThat(this.client.call(ECHO, "Echo").request("{\"text\": \"small\"}").execute().single()).contains("small");
    }
}
