package io.github.grpcops.auth.apikey;

import java.util.List;
import java.util.Map;

import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.test.GrpcTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/grpc/apikeys} over real HTTP: create once, list masked, revoke, and 400/404 for bad input;
 * run on H2 and PostgreSQL by the subclasses. The database may be shared with other test contexts, so every
 * assertion is about the keys the test created.
 */
abstract class ApiKeyEndpointHttpContract {

    @Autowired
    TestRestTemplate http;

    @Autowired
    GrpcTestClient grpc;

    @Test
    @SuppressWarnings("unchecked")
    void createShowsTheSecretOnceListsMaskAndDeleteRevokes() {
        ResponseEntity<Map> created = this.http.postForEntity("/actuator/grpc/apikeys",
                Map.of("name", "deploy", "owner", "ops", "type", "service", "expiresAt", "2999-01-01T00:00:00Z"),
                Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
        String secret = (String) created.getBody().get("secret");
        Object id = created.getBody().get("id");
        assertThat(secret).startsWith("gops_");
        assertThat(created.getBody()).containsEntry("prefix", secret.substring(0, 11) + "…")
            .containsEntry("owner", "ops")
            .containsEntry("createdBy", "actuator");
        assertThat(new ProbeClient(this.grpc.channel(), ProbeClient.header("x-api-key", secret)).who()
            .getPrincipalId()).isEqualTo("ops");

        String list = this.http.getForObject("/actuator/grpc/apikeys", String.class);
        String one = this.http.getForObject("/actuator/grpc/apikeys/" + id, String.class);
        String overview = this.http.getForObject("/actuator/grpc", String.class);
        for (String body : List.of(list, one, overview)) {
            assertThat(body).doesNotContain(secret).doesNotContain(secret.substring(11));
        }
        assertThat(list).contains(secret.substring(0, 11) + "…");

        ResponseEntity<Map> revoked = this.http.exchange("/actuator/grpc/apikeys/" + id, HttpMethod.DELETE, null,
                Map.class);
        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(revoked.getBody()).containsEntry("active", false);
        assertThat(this.http.getForObject("/actuator/grpc/apikeys/" + id, Map.class)).containsEntry("active", false);
    }

    @Test
    void missingNameIsA400NamingIt() {
        ResponseEntity<String> response = this.http.postForEntity("/actuator/grpc/apikeys", Map.of("owner", "x"),
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Parameter 'name' is required");
    }

    @Test
    void malformedOrPastExpiryIsA400NamingIt() {
        ResponseEntity<String> malformed = this.http.postForEntity("/actuator/grpc/apikeys",
                Map.of("name", "x", "expiresAt", "tomorrow"), String.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getBody()).contains("Parameter 'expiresAt' must be an ISO-8601 instant");
        ResponseEntity<String> past = this.http.postForEntity("/actuator/grpc/apikeys",
                Map.of("name", "x", "expiresAt", "2001-01-01T00:00:00Z"), String.class);
        assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(past.getBody()).contains("Parameter 'expiresAt' must be in the future");
    }

    @Test
    void expiryBeyondWhatTheDatabaseStoresIsA400NamingTheRange() {
        ResponseEntity<String> response = this.http.postForEntity("/actuator/grpc/apikeys",
                Map.of("name", "x", "expiresAt", "+999999999-12-31T23:59:59Z"), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody())
            .contains("Parameter 'expiresAt' must be between 2000-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    }

    @Test
    void nonNumericIdIsA400AndUnknownIdA404() {
        ResponseEntity<String> bad = this.http.exchange("/actuator/grpc/apikeys/abc", HttpMethod.DELETE, null,
                String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("Parameter 'id' must be a whole number");
        assertThat(this.http.exchange("/actuator/grpc/apikeys/999999", HttpMethod.DELETE, null, String.class)
            .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(this.http.getForEntity("/actuator/grpc/apikeys/999999", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
