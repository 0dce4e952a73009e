package io.github.grpcops.startup;

import java.util.List;
import java.util.Map;

import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request log's and the API keys' repositories are created on first use, not at start-up (deriving
 * their queries is start-up work an application that never reads the log or uses a key would pay for
 * nothing); the server status repository, which the running server writes through, is created at
 * start-up. Reads through the lazy ones work as before.
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=grpc" })
class LazyRepositoriesTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    TestRestTemplate http;

    @Test
    void theRequestLogAndApiKeyRepositoriesAreCreatedByTheirFirstRead() {
        assertThat(created()).containsExactly("grpcServerStatusRepository");

        assertThat(this.http.getForEntity("/actuator/grpc/requests", Map.class).getStatusCode())
            .isEqualTo(HttpStatus.OK);
        assertThat(created()).containsExactlyInAnyOrder("grpcServerStatusRepository", "grpcRequestLogRepository");

        Map<?, ?> overview = this.http.getForObject("/actuator/grpc", Map.class);
        assertThat(overview.get("apikeys")).isNotNull();
        assertThat(created()).containsExactlyInAnyOrder("grpcServerStatusRepository", "grpcRequestLogRepository",
                "apiKeyRepository");
    }

    /** Which of grpc-ops' repositories exist as objects (a lazy bean not yet used is only a definition). */
    private List<String> created() {
        return List.of("grpcServerStatusRepository", "grpcRequestLogRepository", "apiKeyRepository")
            .stream()
            .filter(name -> this.context.getBeanFactory().containsSingleton(name))
            .toList();
    }
}
