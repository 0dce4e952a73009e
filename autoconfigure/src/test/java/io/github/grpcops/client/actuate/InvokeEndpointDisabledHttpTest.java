package io.github.grpcops.client.actuate;

import java.util.Map;

import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code grpc.actuator.invoke-enabled}, nobody can call the server through Actuator. */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoint.grpc.access=unrestricted",
                "management.endpoints.web.exposure.include=grpc" })
class InvokeEndpointDisabledHttpTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void invokeIsNotFoundUnlessEnabled() {
        ResponseEntity<String> response = this.http.postForEntity("/actuator/grpc/invoke",
                Map.of("service", "grpcops.test.v1.EchoService", "method", "Echo"), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody()).contains("No section 'invoke'");
    }
}
