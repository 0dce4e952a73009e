package io.github.grpcops.sample;

import java.time.Duration;

import io.github.grpcops.client.TraceParentClientInterceptor;
import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.ClientInterceptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code tracing} profile, as the README runs it: a call continuing the caller's
 * {@code traceparent} is printed as a server span by the logging exporter, and the same trace id is in
 * its console line and in its request-log row, found through {@code /actuator/grpc/requests?traceId=}.
 */
@ActiveProfiles("tracing")
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "grpc.request-log.writer.flush-interval=50ms" })
@Import(SampleTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class TracingProfileTest {

    private static final String TRACE_ID = "5c0a9d1e2f3b4a5c6d7e8f9a0b1c2d3e";

    @Autowired
    GrpcTestClient client;

    @Autowired
    TestRestTemplate http;

    @Test
    void aTracedCallIsPrintedAsASpanAndJoinsItsConsoleLineAndRequestLogRow(CapturedOutput output) {
        UserServiceGrpc.newBlockingStub(ClientInterceptors.intercept(this.client.channel(),
                new TraceParentClientInterceptor(() -> "00-" + TRACE_ID + "-a1b2c3d4e5f60718-01")))
            .getUser(GetUserRequest.newBuilder().setId(1).build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(output.getOut())
            .containsPattern("LoggingSpanExporter\\s*: 'sample.v1.UserService/GetUser' : " + TRACE_ID
                    + " [0-9a-f]{16} SERVER")
            .containsPattern("gRPC call ended sample.v1.UserService/GetUser status=OK .* traceId=" + TRACE_ID));
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(this.http.getForObject("/actuator/grpc/requests?traceId=" + TRACE_ID,
                    String.class))
                .contains("\"traceId\":\"" + TRACE_ID + "\"", "\"method\":\"GetUser\""));
    }
}
