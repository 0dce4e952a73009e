package io.github.grpcops.pipeline;

import io.github.grpcops.client.CallFailedException;
import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Health checks and server reflection are probes and tooling, not traffic: with a limit of one call per
 * hour for every method, a load balancer's health checks and a reflection-based tool (grpc-ops' dynamic
 * client, as buf curl does it) still work while the service itself is limited, and neither is written
 * to the console log, by each built-in's default {@code exclude-methods}.
 */
@EchoServerTest(properties = { "grpc.rate-limit.enabled=true", "grpc.rate-limit.default-limit.capacity=1",
        "grpc.rate-limit.default-limit.period=1h", "grpc.console-log.success-level=info" })
@ExtendWith(OutputCaptureExtension.class)
class HealthAndReflectionDefaultsTest {

    private static final String ECHO = EchoServiceGrpc.SERVICE_NAME;

    @Autowired
    GrpcTestClient grpc;

    @Test
    void rateLimitingAndTheConsoleLogLeaveHealthChecksAndReflectionAloneByDefault(CapturedOutput output) {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.grpc.channel());
        for (int i = 0; i < 5; i++) {
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        }
        try (DynamicGrpcClient client = DynamicGrpcClient.forAddress("127.0.0.1", this.grpc.port()).build()) {
            assertThat(client.listServices()).contains(ECHO);
            assertThat(client.call(ECHO + "/Echo").request("{\"text\": \"once\"}").execute().single())
                .contains("once");
            CallFailedException limited = catchThrowableOfType(CallFailedException.class,
                    () -> client.call(ECHO + "/Echo").request("{\"text\": \"twice\"}").execute().single());
            assertThat(limited.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        }
        assertThat(output.getOut()).contains("gRPC call ended " + ECHO + "/Echo")
            .doesNotContain("gRPC call started grpc.health.v1.Health/Check")
            .doesNotContain("gRPC call started grpc.reflection.");
    }
}
