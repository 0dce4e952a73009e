package io.github.grpcops.sample.tracing;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code tracing} profile's exporter: Spring Boot hands every finished span to the
 * {@link SpanExporter} beans, and OpenTelemetry's logging exporter writes each as one line (logger
 * {@code io.opentelemetry.exporter.logging.LoggingSpanExporter}). In production, use an OTLP or Zipkin
 * exporter instead (Spring Boot configures them from {@code management.otlp.tracing.*} or
 * {@code management.zipkin.tracing.*}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("tracing")
class LoggingSpans {

    @Bean
    SpanExporter loggingSpanExporter() {
        return LoggingSpanExporter.create();
    }
}
