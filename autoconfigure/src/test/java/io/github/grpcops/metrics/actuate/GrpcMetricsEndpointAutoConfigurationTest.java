package io.github.grpcops.metrics.actuate;

import io.github.grpcops.actuate.EndpointSectionsAutoConfigurationContract;
import io.github.grpcops.metrics.GrpcMetrics;
import io.github.grpcops.metrics.GrpcMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code metrics} section: follows grpc-ops' metrics and the endpoint's availability; replaceable. */
class GrpcMetricsEndpointAutoConfigurationTest extends EndpointSectionsAutoConfigurationContract {

    GrpcMetricsEndpointAutoConfigurationTest() {
        super(GrpcMetrics.class, "grpc.metrics.enabled=false", "metrics");
    }

    @Override
    protected ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withPropertyValues("management.endpoints.web.exposure.include=grpc")
            .withConfiguration(
                    AutoConfigurations.of(GrpcMetricsAutoConfiguration.class, GrpcMetricsEndpointAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
    }

    @Test
    void sectionBacksOffWhenTheUserDefinesOne() {
        MetricsEndpointSection mine = new MetricsEndpointSection(new GrpcMetrics());
        runner().withBean(MetricsEndpointSection.class, () -> mine)
            .run(context -> assertThat(context.getBean(MetricsEndpointSection.class)).isSameAs(mine));
    }
}
