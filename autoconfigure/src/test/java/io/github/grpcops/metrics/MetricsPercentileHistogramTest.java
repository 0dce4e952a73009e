package io.github.grpcops.metrics;

import java.util.List;

import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grpc.metrics.percentile-histogram} over a real Netty server, read from a Prometheus scrape as
 * a backend sees it: the call timer's {@code _bucket} series are there when it is on and absent when
 * it is off.
 */
class MetricsPercentileHistogramTest {

    private static final String ECHO_SERIES = "grpc_server_processing_duration_seconds";

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void callTimerPublishesHistogramBucketsOnlyWhenSwitchedOn(boolean percentileHistogram) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoTestApplication.class)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
                    "spring.main.web-application-type=none", "grpc.metrics.percentile-histogram=" + percentileHistogram)
            .run()) {
            EchoServiceGrpc.newBlockingStub(context.getBean(GrpcTestClient.class).channel())
                .echo(EchoCalls.text("hi"));

            List<String> echo = context.getBean(PrometheusMeterRegistry.class).scrape().lines()
                .filter(line -> line.startsWith(ECHO_SERIES) && line.contains("method=\"Echo\""))
                .toList();
            assertThat(echo).anyMatch(line -> line.startsWith(ECHO_SERIES + "_count") && line.endsWith(" 1"));
            List<String> buckets = echo.stream().filter(line -> line.startsWith(ECHO_SERIES + "_bucket")).toList();
            if (percentileHistogram) {
                // Micrometer's default buckets, the last one (+Inf) holding the call.
                assertThat(buckets).hasSizeGreaterThan(10).anyMatch(line -> line.contains("le=\"+Inf\"") && line.endsWith(" 1"));
            }
            else {
                assertThat(buckets).isEmpty();
            }
        }
    }
}
