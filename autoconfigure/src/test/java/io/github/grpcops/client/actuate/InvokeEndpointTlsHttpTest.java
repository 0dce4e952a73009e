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

/** With TLS on the gRPC server, invoke trusts the server's own certificate and checks its name. */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoint.grpc.access=unrestricted",
                "grpc.server.security.enabled=true",
                "grpc.server.security.certificate-chain=classpath:io/github/grpcops/client/actuate/tls/server.pem",
                "grpc.server.security.private-key=classpath:io/github/grpcops/client/actuate/tls/server.key",
                "management.endpoints.web.exposure.include=grpc", "grpc.actuator.invoke-enabled=true" })
class InvokeEndpointTlsHttpTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void invokeCallsATlsServerTrustingItsOwnCertificate() {
        ResponseEntity<String> response = this.http.postForEntity("/actuator/grpc/invoke",
                Map.of("service", "grpcops.test.v1.EchoService", "method", "Echo", "request", "{\"text\": \"over tls\"}"),
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"code\":\"OK\"").contains("over tls");
    }
}
