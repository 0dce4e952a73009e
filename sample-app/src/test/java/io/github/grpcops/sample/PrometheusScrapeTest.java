package io.github.grpcops.sample;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.Product;
import io.github.grpcops.sample.api.ProductServiceGrpc;
import io.github.grpcops.sample.api.QuoteRequest;
import io.github.grpcops.sample.api.SearchProductsRequest;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.StreamingCalls;
import io.grpc.Channel;
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
 * The sample app's Prometheus scrape output carries grpc-ops' call metrics, and only one timer family per
 * call, over real gRPC and HTTP, with the sample's Micrometer Tracing on as it runs. (Spring Boot switches
 * metric export and tracing off in tests unless asked: {@code @AutoConfigureObservability}.)
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1" })
@Import(PrometheusScrapeTest.Client.class)
class PrometheusScrapeTest {

    /** A metric family in the exposition format: {@code # TYPE name type}. */
    private static final Pattern FAMILY = Pattern.compile("^# TYPE (grpc_\\S+) (\\S+)$", Pattern.MULTILINE);

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

    @Test
    void callsOfEveryTypeAreTimedByOneTimerFamily() {
        Channel channel = this.client.channel();
        catchThrowableOfType(StatusRuntimeException.class, () -> UserServiceGrpc.newBlockingStub(channel)
            .getUser(GetUserRequest.newBuilder().setId(1).build()));
        ProductServiceGrpc.newBlockingStub(channel)
            .searchProducts(SearchProductsRequest.newBuilder().setQuery("").setLimit(2).build())
            .forEachRemaining(product -> { });
        catchThrowableOfType(StatusRuntimeException.class, () -> StreamingCalls.exchange(
                List.of(Product.newBuilder().setSku("NEW-1").setName("Lamp").setPriceCents(100).build()),
                ProductServiceGrpc.newStub(channel)::importProducts));
        StreamingCalls.exchange(List.of(QuoteRequest.newBuilder().setSku("KB-101").setQuantity(1).build()),
                ProductServiceGrpc.newStub(channel)::quotePrices);

        Set<String> families = new TreeSet<>();
        Matcher types = FAMILY.matcher(this.http.getForObject("/actuator/prometheus", String.class));
        while (types.find()) {
            families.add(types.group(1) + " " + types.group(2));
        }
        // Calls: grpc-ops' metrics interceptor alone (one timer); net.devh's A66 stream tracer
        // (grpc_server_call_*) and its Observation interceptor (grpc_server_seconds, grpc_server_active_seconds,
        // grpc_server_received/sent) are off. Then the request log's writer and brute-force protection's refusals.
        assertThat(families).containsExactly("grpc_request_log_batches_failed_total counter",
                "grpc_request_log_calls_in_flight gauge", "grpc_request_log_rows_dropped_total counter",
                "grpc_request_log_rows_queued gauge", "grpc_request_log_rows_written_total counter",
                "grpc_server_auth_brute_force_refused_total counter", "grpc_server_calls_active_calls gauge", "grpc_server_processing_duration_seconds summary",
                "grpc_server_processing_duration_seconds_max gauge",
                "grpc_server_requests_received_messages_total counter",
                "grpc_server_responses_sent_messages_total counter");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Client {

        @Bean
        GrpcTestClient grpcTestClient() {
            return new GrpcTestClient();
        }
    }
}
