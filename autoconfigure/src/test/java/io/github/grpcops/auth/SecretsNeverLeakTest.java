package io.github.grpcops.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uses and misuses every kind of credential with debug logging on, then scans the console output,
 * the API key table, the request-log table and every Actuator response (API keys, the logged calls,
 * each call in full) for any of them (or their secret parts); and checks that the request log
 * records who each accepted call authenticated as, and nobody for the rejected ones.
 */
@SpringBootTest(classes = AuthProbeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "grpc.auth.require-auth=true",
                "grpc.auth.jwt.secret=" + TestTokens.SECRET, "grpc.auth.internal-key.enabled=true",
                "grpc.auth.internal-key.secret=" + TestTokens.INTERNAL_KEY,
                "management.endpoints.web.exposure.include=grpc", "logging.level.io.github.grpcops=DEBUG",
                "logging.level.org.springframework.transaction=DEBUG",
                // dozens of bad credentials from one address: brute-force protection would refuse the good ones
                "grpc.auth.brute-force.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTest {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void noCredentialAppearsInLogsDatabaseRowsOrActuatorOutputAndAcceptedCallsAreLoggedWithTheirPrincipal(
            CapturedOutput output) {
        List<String> secrets = new ArrayList<>(List.of(TestTokens.SECRET, TestTokens.INTERNAL_KEY));
        List<String> actuator = new ArrayList<>();

        Map<String, Object> created = this.http.postForObject("/actuator/grpc/apikeys",
                Map.of("name", "scan", "owner", "scanner"), Map.class);
        String apiKey = (String) created.get("secret");
        String keyId = String.valueOf(created.get("id"));
        secrets.add(apiKey);
        secrets.add(apiKey.substring(11));

        String good = TestTokens.hs256("scanner", Map.of("roles", "reports:read", "name", "Scanner Person"));
        String expired = TestTokens.builder("scanner", Instant.now().minus(Duration.ofMinutes(5)))
            .signWith(TestTokens.hmacKey(), Jwts.SIG.HS256)
            .compact();
        String wrongInternal = TestTokens.INTERNAL_KEY.replace('0', '9');
        for (String token : List.of(good, expired)) {
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
        }
        secrets.add(wrongInternal);

        // Request-id prefix of each attempt -> what its rows must say: principal id, name, method, key id.
        Map<String, List<String>> accepted = Map.of("jwt", List.of("scanner", "Scanner Person", "jwt", ""),
                "apikey", List.of("scanner", "scanner", "api-key", keyId), "internal",
                List.of("internal-service", "internal-service", "internal-key", ""));
        Map<String, Metadata> attempts = new LinkedHashMap<>();
        attempts.put("jwt", ProbeClient.bearer(good));
        attempts.put("expired", ProbeClient.bearer(expired));
        attempts.put("tampered", ProbeClient.bearer(good + "x"));
        attempts.put("basic", ProbeClient.header("authorization", "Basic " + good));
        attempts.put("apikey", ProbeClient.header("x-api-key", apiKey));
        attempts.put("badkey", ProbeClient.header("x-api-key", apiKey + "x"));
        attempts.put("internal", ProbeClient.header("x-internal-key", TestTokens.INTERNAL_KEY));
        attempts.put("badinternal", ProbeClient.header("x-internal-key", wrongInternal));
        List<String> requestIds = new ArrayList<>();
        attempts.forEach((label, headers) -> callEveryType(label, headers, requestIds, actuator));
        this.http.exchange("/actuator/grpc/apikeys/" + keyId, HttpMethod.DELETE, null, String.class);
        callEveryType("revoked", ProbeClient.header("x-api-key", apiKey), requestIds, actuator);

        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.jdbc.queryForObject("select count(*) from grpc_request_log where request_id like 'scan-%'",
                    Integer.class), count -> count == requestIds.size());
        List<Map<String, Object>> logged = this.jdbc.queryForList(
                "select request_id, principal_id, principal_name, authenticated, auth_method, api_key_id"
                        + " from grpc_request_log where request_id like 'scan-%'");
        for (Map<String, Object> row : logged) {
            String label = ((String) row.get("REQUEST_ID")).split("-")[1];
            List<String> expected = accepted.get(label);
            List<Object> actual = new ArrayList<>(List.of(row.get("AUTHENTICATED")));
            actual.add(row.get("PRINCIPAL_ID"));
            actual.add(row.get("PRINCIPAL_NAME"));
            actual.add(row.get("AUTH_METHOD"));
            actual.add((row.get("API_KEY_ID") != null) ? row.get("API_KEY_ID") : "");
            if (expected != null) {
                assertThat(actual).as("row of accepted call %s", row.get("REQUEST_ID"))
                    .containsExactly(true, expected.get(0), expected.get(1), expected.get(2), expected.get(3));
            }
            else {
                assertThat(actual).as("row of rejected call %s", row.get("REQUEST_ID"))
                    .containsExactly(false, null, null, null, "");
            }
        }

        actuator.add(this.http.getForObject("/actuator/grpc", String.class));
        actuator.add(this.http.getForObject("/actuator/grpc/apikeys", String.class));
        actuator.add(this.http.getForObject("/actuator/grpc/apikeys/" + keyId, String.class));
        String requests = this.http.getForObject("/actuator/grpc/requests?size=500", String.class);
        assertThat(requests).as("the scan saw the logged calls").contains(requestIds.get(0));
        actuator.add(requests);
        for (String requestId : requestIds) {
            String call = this.http.getForObject("/actuator/grpc/requests/" + requestId, String.class);
            assertThat(call).as("the scan saw the call in full").contains(requestId);
            actuator.add(call);
        }
        String rows = this.jdbc.queryForList("select * from grpc_api_key").toString();
        String requestLogRows = this.jdbc.queryForList("select * from grpc_request_log").toString();

        assertThat(output.getAll()).as("the scan saw the calls").contains("Rejected grpcops.test.auth.v1.AuthProbe");
        for (String secret : secrets) {
            assertThat(output.getAll()).as("console output").doesNotContain(secret);
            assertThat(rows).as("grpc_api_key rows").doesNotContain(secret);
            assertThat(requestLogRows).as("grpc_request_log rows").doesNotContain(secret);
            assertThat(String.join("\n", actuator)).as("Actuator responses and client-side errors")
                .doesNotContain(secret);
        }
    }

    /** Each call type once, with request ids scan-{label}-{n}; failures' messages go to {@code seen}. */
    private void callEveryType(String label, Metadata headers, List<String> requestIds, List<String> seen) {
        for (int type = 0; type < 4; type++) {
            String requestId = "scan-" + label + "-" + type;
            requestIds.add(requestId);
            try {
                new ProbeClient(this.grpc.channel(), ProbeClient.withRequestId(headers, requestId)).everyCallType()
                    .get(type)
                    .run();
            }
            catch (RuntimeException expectedForBadOnes) {
                seen.add(expectedForBadOnes.getMessage());
            }
        }
    }
}
