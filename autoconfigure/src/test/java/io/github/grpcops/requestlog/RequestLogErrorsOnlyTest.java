package io.github.grpcops.requestlog;

import java.time.Duration;

import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms", "grpc.request-log.errors-only=true" })
class RequestLogErrorsOnlyTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    GrpcRequestLogRepository rows;

    @Test
    void onlyFailedCallsAreRecorded() {
        ManagedChannel channel = this.client.channel();
        assertThat(EchoCall.complete(channel, MethodType.UNARY, "errors-only-ok", RequestLogCallsTestBase.text("a"))
            .status()
            .isOk()).isTrue();
        assertThat(EchoCall.complete(channel, MethodType.UNARY, "errors-only-failed",
                RequestLogCallsTestBase.failing("PERMISSION_DENIED"))
            .status()
            .getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.rows.findByRequestId("errors-only-failed").size() == 1);
        assertThat(this.rows.findByRequestId("errors-only-ok")).isEmpty();
    }
}
