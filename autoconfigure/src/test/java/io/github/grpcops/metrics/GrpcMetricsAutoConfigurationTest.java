package io.github.grpcops.metrics;

import io.github.grpcops.pipeline.PipelineOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GrpcMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void registersTheInterceptorAndSnapshotWithAMeterRegistry() {
        this.runner.run(context -> {
            assertThat(context.getBean(MetricsServerInterceptor.class).getOrder()).isEqualTo(PipelineOrder.METRICS);
            assertThat(context).hasSingleBean(GrpcMetrics.class);
        });
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GrpcMetricsAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(MetricsServerInterceptor.class));
    }

    @Test
    void backsOffWithoutMicrometerOnTheClassPath() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GrpcMetricsAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MetricsServerInterceptor.class));
    }

    @Test
    void backsOffWithoutHdrHistogramOnTheClassPath() {
        this.runner.withClassLoader(new FilteredClassLoader("org.HdrHistogram"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MetricsServerInterceptor.class));
    }

    @Test
    void switchedOffByProperty() {
        this.runner.withPropertyValues("grpc.metrics.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(MetricsServerInterceptor.class)
                .doesNotHaveBean(GrpcMetrics.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheSnapshot() {
        GrpcMetrics own = new GrpcMetrics();
        this.runner.withBean(GrpcMetrics.class, () -> own)
            .run(context -> assertThat(context.getBean(GrpcMetrics.class)).isSameAs(own));
    }
}
