package io.github.grpcops.sample;

import java.util.Map;

import io.github.grpcops.test.LocalHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample exposes {@code /actuator/grpc} in every profile, read-only by default: only its {@code dev}
 * profile lets whoever reaches Actuator create API keys, as the README's quick start does.
 */
class ActuatorAccessByProfileTest {

    @Test
    void theDefaultProfileAnswersReadsButRefusesCreatingApiKeys() {
        try (ConfigurableApplicationContext app = start()) {
            TestRestTemplate http = LocalHttp.to(app);
            assertThat(http.getForEntity("/actuator/grpc/apikeys", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
            assertThat(http.postForEntity("/actuator/grpc/apikeys", Map.of("name", "intruder"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        }
    }

    @Test
    void theDevProfileCreatesApiKeysThroughActuator() {
        try (ConfigurableApplicationContext app = start("dev")) {
            ResponseEntity<Map> created = LocalHttp.to(app).postForEntity("/actuator/grpc/apikeys",
                    Map.of("name", "dev", "owner", "bob"), Map.class);
            assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat((String) created.getBody().get("secret")).startsWith("gops_");
        }
    }

    private static ConfigurableApplicationContext start(String... profiles) {
        return new SpringApplicationBuilder(SampleApplication.class).profiles(profiles)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off")
            .run();
    }
}
