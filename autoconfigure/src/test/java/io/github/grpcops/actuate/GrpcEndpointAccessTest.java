package io.github.grpcops.actuate;

import java.util.Map;

import io.github.grpcops.auth.apikey.ApiKeyRepository;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.LocalHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code grpc} endpoint follows Spring Boot's endpoint access model: exposed, it is read-only, so
 * whoever reaches Actuator cannot create or revoke API keys (or invoke methods) unless the application
 * allows it with {@code management.endpoint.grpc.access=unrestricted}, and
 * {@code management.endpoints.access.max-permitted} caps even that.
 */
class GrpcEndpointAccessTest {

    @Test
    void exposedEndpointRefusesApiKeyCreationAndRevocationByDefaultAndStillAnswersReads() {
        try (ConfigurableApplicationContext app = start()) {
            TestRestTemplate http = LocalHttp.to(app);
            ResponseEntity<String> create = http.postForEntity("/actuator/grpc/apikeys", Map.of("name", "intruder"),
                    String.class);
            assertThat(create.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
            ResponseEntity<String> revoke = http.exchange("/actuator/grpc/apikeys/1", HttpMethod.DELETE, null,
                    String.class);
            assertThat(revoke.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
            assertThat(app.getBean(ApiKeyRepository.class).count()).isZero();
            assertThat(http.getForEntity("/actuator/grpc/apikeys", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
            assertThat(http.getForEntity("/actuator/grpc", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void unrestrictedAccessAllowsCreatingAndRevokingApiKeys() {
        try (ConfigurableApplicationContext app = start("management.endpoint.grpc.access=unrestricted")) {
            TestRestTemplate http = LocalHttp.to(app);
            ResponseEntity<Map> created = http.postForEntity("/actuator/grpc/apikeys", Map.of("name", "ci"), Map.class);
            assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat((String) created.getBody().get("secret")).startsWith("gops_");
            ResponseEntity<Map> revoked = http.exchange("/actuator/grpc/apikeys/" + created.getBody().get("id"),
                    HttpMethod.DELETE, null, Map.class);
            assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(revoked.getBody()).containsEntry("active", false);
        }
    }

    @Test
    void maxPermittedReadOnlyWinsOverTheEndpointsOwnUnrestrictedAccess() {
        try (ConfigurableApplicationContext app = start("management.endpoint.grpc.access=unrestricted",
                "management.endpoints.access.max-permitted=read-only")) {
            ResponseEntity<String> create = LocalHttp.to(app)
                .postForEntity("/actuator/grpc/apikeys", Map.of("name", "x"), String.class);
            assertThat(create.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
            assertThat(app.getBean(ApiKeyRepository.class).count()).isZero();
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(EchoTestApplication.class)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off", "management.endpoints.web.exposure.include=grpc")
            .properties(properties)
            .run();
    }
}
