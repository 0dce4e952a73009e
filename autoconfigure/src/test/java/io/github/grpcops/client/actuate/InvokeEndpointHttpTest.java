package io.github.grpcops.client.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.grpcops.client.BearerTokenClientInterceptor;
import io.github.grpcops.test.EchoTestApplication;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static io.github.grpcops.client.actuate.InvokeJson.json;
import static io.github.grpcops.client.actuate.InvokeJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /actuator/grpc/invoke} over real HTTP, calling the application's own gRPC server over its
 * real port, so the calls pass the server's interceptors.
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "grpc.server.max-inbound-message-size=64KB", "management.endpoints.web.exposure.include=grpc",
                "grpc.actuator.invoke-enabled=true", "grpc.actuator.invoke-timeout=5s",
                "grpc.actuator.invoke-max-responses=5",
                // the bearer token below is a placeholder whose arrival is checked, not its validity
                "grpc.auth.enabled=false" })
@Import(InvokeEndpointHttpTest.Capture.class)
@ExtendWith(OutputCaptureExtension.class)
class InvokeEndpointHttpTest {

    private static final String ECHO = "grpcops.test.v1.EchoService";

    private static final String SECRET = "s3cr3t-token-value";

    @Autowired
    TestRestTemplate http;

    @Autowired
    HeaderCapture received;

    @Test
    void unaryCallAnswersWithTheReplyAndTheRequestIdThePipelineGaveIt() {
        Map<String, Object> body = ok(invoke(Map.of("service", ECHO, "method", "Echo", "request", json(Map.of("text", "hi")))));
        assertThat(body).containsEntry("code", "OK").containsEntry("truncated", false);
        Map<?, ?> reply = (Map<?, ?>) ((List<?>) body.get("responses")).get(0);
        assertThat(reply.get("text")).isEqualTo("hi");
        assertThat(reply.get("count")).isEqualTo(1);
        assertThat(reply.get("requestId")).isNotNull().isEqualTo(body.get("requestId"));
    }

    @Test
    void serverStreamIsCutAtTheMaximumNumberOfResponses() {
        Map<String, Object> body = ok(
                invoke(Map.of("service", ECHO, "method", "Expand", "request", json(Map.of("text", "x", "repeat", 8)))));
        assertThat((List<?>) body.get("responses")).hasSize(5);
        assertThat(body).containsEntry("truncated", true);
    }

    @Test
    void clientStreamSendsTheRequestsList() {
        Map<String, Object> body = ok(invoke(Map.of("service", ECHO, "method", "Collect", "requests",
                json(List.of(Map.of("text", "a"), Map.of("text", "b"))))));
        assertThat((List<?>) body.get("responses")).singleElement()
            .isEqualTo(Map.of("text", "ab", "count", 2, "requestId", ((Map<?, ?>) ((List<?>) body.get("responses")).get(0)).get("requestId")));
    }

    @Test
    void bidiCallAnswersEachRequest() {
        Map<String, Object> body = ok(invoke(Map.of("service", ECHO, "method", "Chat", "requests",
                json(List.of(Map.of("text", "a"), Map.of("text", "b"), Map.of("text", "c"))))));
        assertThat((List<?>) body.get("responses")).hasSize(3);
    }

    @Test
    void requestRequestsAndMetadataMayBeJsonValues() {
        Map<String, Object> unary = ok(invoke(Map.of("service", ECHO, "method", "Echo", "request",
                Map.of("text", "value"), "metadata", Map.of("x-request-id", "ops-json"))));
        assertThat(unary).containsEntry("requestId", "ops-json");
        assertThat(((Map<?, ?>) ((List<?>) unary.get("responses")).get(0)).get("text")).isEqualTo("value");
        Map<String, Object> stream = ok(invoke(Map.of("service", ECHO, "method", "Collect", "requests",
                List.of(Map.of("text", "a"), Map.of("text", "b")))));
        assertThat(((Map<?, ?>) ((List<?>) stream.get("responses")).get(0)).get("text")).isEqualTo("ab");
    }

    @Test
    void requestsAsAJsonValueMustBeAnArrayAndMetadataValuesStrings() {
        assertBadRequest(Map.of("service", ECHO, "method", "Collect", "requests", Map.of("text", "a")),
                "Parameter 'requests' must be a JSON array of request objects");
        assertBadRequest(Map.of("service", ECHO, "method", "Echo", "metadata", Map.of("x-count", 3)),
                "Parameter 'metadata' must be a JSON object of header names to string values");
    }

    @Test
    void requestMayBeGivenAsJsonText() {
        Map<String, Object> body = ok(invoke(Map.of("service", ECHO, "method", "Echo", "request", "{\"text\": \"raw\"}")));
        assertThat(body.get("responses").toString()).contains("text=raw");
    }

    @Test
    void metadataReachesTheServerButIsNeitherEchoedNorLogged(CapturedOutput output) {
        ResponseEntity<String> response = this.http.postForEntity("/actuator/grpc/invoke",
                Map.of("service", ECHO, "method", "Echo", "metadata",
                        json(Map.of("authorization", "Bearer " + SECRET, "x-request-id", "ops-1"))),
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(this.received.last().get(BearerTokenClientInterceptor.AUTHORIZATION)).isEqualTo("Bearer " + SECRET);
        assertThat(response.getBody()).contains("\"requestId\":\"ops-1\"").doesNotContain(SECRET);
        assertThat(output.getAll()).contains("Actuator invoke of " + ECHO + "/Echo").doesNotContain(SECRET);
    }

    @Test
    void failedCallReportsItsStatusCodeAndMessage() {
        Map<String, Object> body = ok(
                invoke(Map.of("service", ECHO, "method", "Echo", "request", json(Map.of("failWith", "PERMISSION_DENIED")))));
        assertThat(body).containsEntry("code", "PERMISSION_DENIED")
            .containsEntry("message", "failed on request");
        assertThat((String) body.get("requestId")).hasSize(36);
        // the server's error mapping attaches a google.rpc.ErrorInfo, returned decoded
        assertThat((List<?>) body.get("details")).singleElement()
            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("@type", "type.googleapis.com/google.rpc.ErrorInfo")
            .containsEntry("reason", "PERMISSION_DENIED")
            .containsEntry("metadata", Map.of("requestId", body.get("requestId")));
    }

    @Test
    void timeoutIsTheCallsDeadline() {
        Map<String, Object> body = ok(invoke(Map.of("service", ECHO, "method", "Echo", "request",
                json(Map.of("delayMs", 2000)), "timeout", "200ms")));
        assertThat(body).containsEntry("code", "DEADLINE_EXCEEDED");
    }

    @Test
    void timeoutAboveTheConfiguredOneIsRejected() {
        assertBadRequest(Map.of("service", ECHO, "method", "Echo", "timeout", "1h"),
                "Parameter 'timeout' must be a positive duration such as 5s or PT5S, at most PT5S");
    }

    @Test
    void missingServiceIsRejected() {
        assertBadRequest(Map.of("method", "Echo"), "Parameter 'service' is required");
    }

    @Test
    void unknownServiceAndMethodAreRejectedNamingThem() {
        assertBadRequest(Map.of("service", "nope.Service", "method", "Echo"), "no service 'nope.Service'");
        assertBadRequest(Map.of("service", ECHO, "method", "Shout"), "no method 'Shout'");
    }

    @Test
    void jsonThatDoesNotFitIsRejectedNamingTheField() {
        assertBadRequest(Map.of("service", ECHO, "method", "Echo", "request", json(Map.of("repeat", "many"))),
                "field 'repeat' of request 0");
    }

    @Test
    void severalRequestsForAUnaryMethodAreRejected() {
        assertBadRequest(Map.of("service", ECHO, "method", "Echo", "requests", "[{}, {}]"),
                "Parameter 'requests' " + ECHO + "/Echo is UNARY: it takes one request, not 2");
    }

    @Test
    void requestAboveTheServersInboundLimitIsRejectedBeforeSending() {
        assertBadRequest(Map.of("service", ECHO, "method", "Echo", "request", json(Map.of("text", "x".repeat(100_000)))),
                "above the 65536 bytes the server accepts");
    }

    @Test
    void malformedMetadataIsRejectedWithoutItsValue() {
        ResponseEntity<String> response = invoke(
                Map.of("service", ECHO, "method", "Echo", "metadata", json(Map.of("bad name", SECRET))));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("'bad name'").doesNotContain(SECRET);
        assertBadRequest(Map.of("service", ECHO, "method", "Echo", "metadata", json(Map.of("x-n", 5))),
                "Parameter 'metadata' must be a JSON object of header names to string values");
    }

    @Test
    void requestAndRequestsTogetherAreRejected() {
        assertBadRequest(Map.of("service", ECHO, "method", "Echo", "request", json(Map.of()), "requests", json(List.of())),
                "Parameter 'requests' cannot be combined with 'request'");
    }

    @Test
    void overviewSaysInvokeIsEnabled() {
        Map<?, ?> overview = this.http.getForObject("/actuator/grpc", Map.class);
        assertThat(overview.get("invoke")).isEqualTo(Map.of("enabled", true, "timeout", "PT5S"));
    }

    private ResponseEntity<String> invoke(Map<String, Object> body) {
        return this.http.postForEntity("/actuator/grpc/invoke", body, String.class);
    }

    private void assertBadRequest(Map<String, Object> body, String message) {
        ResponseEntity<String> response = invoke(body);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains(message);
    }

    /** Remembers the headers of the last call the server received, reflection aside. */
    static class HeaderCapture implements ServerInterceptor {

        private final List<Metadata> calls = new ArrayList<>();

        synchronized Metadata last() {
            return this.calls.get(this.calls.size() - 1);
        }

        @Override
        public synchronized <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
                Metadata headers, ServerCallHandler<ReqT, RespT> next) {
            if (!call.getMethodDescriptor().getServiceName().startsWith("grpc.reflection")) {
                this.calls.add(headers);
            }
            return next.startCall(call, headers);
        }
    }

    @TestConfiguration
    static class Capture {

        @Bean
        @GrpcGlobalServerInterceptor
        HeaderCapture headerCapture() {
            return new HeaderCapture();
        }
    }
}
