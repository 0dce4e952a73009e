package io.github.grpcops.client.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.grpcops.client.actuate.InvokeJson.json;
import static io.github.grpcops.client.actuate.InvokeJson.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /actuator/grpc/invoke} with authentication on: the call goes through the server's whole
 * pipeline over its real port, so a method that needs a caller refuses an invoke without credentials,
 * and accepts one carrying a real bearer token in {@code metadata}, which the request log records with
 * its principal; the token appears in no response, row or log line.
 */
@SpringBootTest(classes = AuthProbeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoint.grpc.access=unrestricted", "grpc.auth.require-auth=true",
                "grpc.auth.jwt.secret=" + TestTokens.SECRET, "management.endpoints.web.exposure.include=grpc",
                "grpc.actuator.invoke-enabled=true", "logging.level.io.github.grpcops=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class InvokeEndpointAuthHttpTest {

    private static final String LOCKED = "grpcops.test.auth.v1.LockedProbe";

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void invokeWithoutCredentialsOfAProtectedMethodIsUnauthenticated() {
        Map<String, Object> body = ok(invoke(Map.of("service", LOCKED, "method", "Who")));
        assertThat(body).containsEntry("code", "UNAUTHENTICATED").containsEntry("message", "Authentication required");
        assertThat((List<Map<String, Object>>) body.get("details")).singleElement()
            .satisfies(info -> assertThat(info).containsEntry("reason", "AUTHENTICATION_REQUIRED")
                .containsEntry("metadata", Map.of("requestId", body.get("requestId"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void invokeWithABearerTokenInMetadataSucceedsAndIsLoggedWithItsPrincipal(CapturedOutput output) {
        String token = TestTokens.hs256("operator", Map.of("name", "Ops Person"));
        ResponseEntity<String> response = invoke(Map.of("service", LOCKED, "method", "Who", "metadata",
                json(Map.of("authorization", "Bearer " + token, "x-request-id", "invoke-auth-1"))));
        Map<String, Object> body = ok(response);
        assertThat(body).containsEntry("code", "OK").containsEntry("requestId", "invoke-auth-1");
        assertThat((List<Map<String, Object>>) body.get("responses")).singleElement()
            .satisfies(reply -> assertThat(reply).containsEntry("principalId", "operator"));

        Map<String, Object> row = await().atMost(Duration.ofSeconds(20))
            .until(() -> this.jdbc.queryForList("select * from grpc_request_log where request_id = 'invoke-auth-1'"),
                    rows -> !rows.isEmpty())
            .get(0);
        assertThat(row).containsEntry("PRINCIPAL_ID", "operator")
            .containsEntry("PRINCIPAL_NAME", "Ops Person")
            .containsEntry("AUTHENTICATED", true)
            .containsEntry("AUTH_METHOD", "jwt")
            .containsEntry("GRPC_STATUS", "OK");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String call = this.http.getForObject("/actuator/grpc/requests/invoke-auth-1", String.class);
        assertThat(call).contains("operator");
        for (String scanned : List.of(response.getBody(), call,
                this.jdbc.queryForList("select * from grpc_request_log").toString(), output.getAll())) {
            assertThat(scanned).doesNotContain(token).doesNotContain(signature).doesNotContain(TestTokens.SECRET);
        }
        assertThat(output.getAll()).contains("Actuator invoke of " + LOCKED + "/Who");
    }

    private ResponseEntity<String> invoke(Map<String, Object> body) {
        return this.http.postForEntity("/actuator/grpc/invoke", body, String.class);
    }
}
