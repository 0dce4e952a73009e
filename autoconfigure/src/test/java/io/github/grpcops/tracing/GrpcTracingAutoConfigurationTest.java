package io.github.grpcops.tracing;

import io.github.grpcops.pipeline.PipelineOrder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracing auto-configuration: on by default just inside the request id; a server span per call when
 * Spring Boot's tracing defines a real tracer, the caller's {@code traceparent} otherwise (no tracer, a
 * no-op one, or no Micrometer Tracing at all); switched off by its property; backs off for the user's
 * beans.
 */
class GrpcTracingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GrpcTracingAutoConfiguration.class));

    private final ApplicationContextRunner withOpenTelemetry = this.runner.withConfiguration(AutoConfigurations
        .of(OpenTelemetryAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
                MicrometerTracingAutoConfiguration.class));

    @Test
    void withSpringBootsTracerEveryCallGetsAServerSpan() {
        this.withOpenTelemetry.run(context -> {
            assertThat(context).hasSingleBean(Tracer.class).hasSingleBean(Propagator.class);
            assertThat(context.getBean(CallTracer.class)).isInstanceOf(MicrometerCallTracer.class);
            assertThat(context.getBean(TracingServerInterceptor.class).getOrder()).isEqualTo(PipelineOrder.TRACING)
                .isBetween(PipelineOrder.REQUEST_ID, PipelineOrder.OVERLOAD);
        });
    }

    @Test
    void withoutATracerOrWithANoOpOneTheCallersTraceParentIsRead() {
        this.runner.run(context -> assertThat(context.getBean(CallTracer.class))
            .isInstanceOf(TraceParentCallTracer.class));
        this.runner.withBean(Tracer.class, () -> Tracer.NOOP)
            .withBean(Propagator.class, () -> Propagator.NOOP)
            .run(context -> assertThat(context.getBean(CallTracer.class)).isInstanceOf(TraceParentCallTracer.class));
        this.withOpenTelemetry.withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(TracingServerInterceptor.class)
                .getBean(CallTracer.class)
                .isInstanceOf(TraceParentCallTracer.class));
    }

    @Test
    void switchedOffByItsProperty() {
        this.withOpenTelemetry.withPropertyValues("grpc.tracing.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(TracingServerInterceptor.class)
                .doesNotHaveBean(CallTracer.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheTracerOrTheInterceptor() {
        CallTracer own = (call, headers) -> null;
        this.withOpenTelemetry.withBean(CallTracer.class, () -> own)
            .run(context -> assertThat(context.getBean(CallTracer.class)).isSameAs(own));
        this.runner.withBean(TracingServerInterceptor.class,
                () -> new TracingServerInterceptor(new GrpcTracingProperties(), own))
            .run(context -> assertThat(context).hasSingleBean(TracingServerInterceptor.class));
    }
}
