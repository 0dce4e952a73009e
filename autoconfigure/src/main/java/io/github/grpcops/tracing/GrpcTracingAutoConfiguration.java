package io.github.grpcops.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Traces calls ({@code grpc.tracing.enabled}, on by default): with Micrometer Tracing's {@link Tracer} and
 * {@link Propagator} (Spring Boot Actuator defines them with a tracing bridge on the class path), one
 * server span per call; otherwise the caller's W3C {@code traceparent}, so logs and request-log rows still
 * join the caller's trace. Runs after Spring Boot's tracing auto-configurations, so their beans decide.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.BraveAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "grpc.tracing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcTracingProperties.class)
public class GrpcTracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TracingServerInterceptor tracingServerInterceptor(GrpcTracingProperties properties, CallTracer tracer) {
        return new TracingServerInterceptor(properties, tracer);
    }

    @Bean
    @ConditionalOnMissingBean
    CallTracer traceParentCallTracer() {
        return new TraceParentCallTracer();
    }

    /** A no-op tracer (what Spring Boot defines with tracing switched off) traces nothing: read the header then. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class MicrometerTracing {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean({ Tracer.class, Propagator.class })
        CallTracer micrometerCallTracer(Tracer tracer, Propagator propagator) {
            return (tracer == Tracer.NOOP || propagator == Propagator.NOOP) ? new TraceParentCallTracer()
                    : new MicrometerCallTracer(tracer, propagator);
        }
    }
}
