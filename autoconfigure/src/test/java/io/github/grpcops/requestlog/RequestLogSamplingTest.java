package io.github.grpcops.requestlog;

import java.time.Duration;

import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms",
        "grpc.request-log.success-sample-rate=0.5" })
class RequestLogSamplingTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    GrpcRequestLogRepository rows;

    @Test
    void aSampleOfSuccessfulCallsAndEveryFailedCallIsRecorded() {
        ManagedChannel channel = this.client.channel();
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            EchoCall.complete(channel, MethodType.UNARY, "sampled-ok-" + i, RequestLogCallsTestBase.text("a")).status();
            EchoCall.complete(channel, MethodType.UNARY, "sampled-failed-" + i, RequestLogCallsTestBase.failing("INTERNAL"))
                .status();
        }
        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.rows.findAll().stream().filter(r -> r.getRequestId().startsWith("sampled-failed-")).count() == calls);
        long recordedOk = this.rows.findAll().stream().filter(r -> r.getRequestId().startsWith("sampled-ok-")).count();
        // Binomial(200, 0.5): outside 60..140 has a probability below 1e-8.
        assertThat(recordedOk).isBetween(60L, 140L);
    }
}
