package io.github.grpcops.sample;

import java.util.concurrent.TimeUnit;

import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The sample app's Prometheus scrape output carries grpc-ops' call metrics, over real gRPC and HTTP.
 * (Spring Boot switches metric export off in tests unless asked: {@code @AutoConfigureObservability}.)
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1" })
@Import(PrometheusScrapeTest.Client.class)
class PrometheusScrapeTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    TestRestTemplate http;

    @Test
    void scrapeOutputHasTheCallTimerTaggedWithTheStatusTheClientGot() {
        StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
                () -> UserServiceGrpc.newBlockingStub(this.client.channel())
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getUser(GetUserRequest.newBuilder().setId(987_654).build()));
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

        ResponseEntity<String> scrape = this.http.getForEntity("/actuator/prometheus", String.class);
        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape.getBody()).containsPattern(
                "grpc_server_processing_duration_seconds_count\\{[^}]*method=\"GetUser\"[^}]*statusCode=\"NOT_FOUND\"[^}]*\\} 1")
            .contains("grpc_server_calls_active");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Client {

        @Bean
        GrpcTestClient grpcTestClient() {
            return new GrpcTestClient();
        }
    }
}
