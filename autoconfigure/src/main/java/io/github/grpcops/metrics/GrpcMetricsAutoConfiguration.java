package io.github.grpcops.metrics;

import io.github.grpcops.errors.ErrorMappingAutoConfiguration;
import io.github.grpcops.errors.GrpcErrorMapper;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Recorder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of calls ({@code grpc.metrics.enabled}, on by default) when Micrometer and
 * HdrHistogram (which the starter brings; Micrometer has it optional) are on the class path and a
 * {@link MeterRegistry} exists. The server adapter removes the integration's own metric interceptor
 * when this one is registered ({@link GrpcMetricsProperties#isReplaceNetDevhInterceptor()}), since this
 * one records the same meters: timing every call twice would cost twice and count nothing new.
 */
@AutoConfiguration(after = ErrorMappingAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, Recorder.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "grpc.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcMetricsProperties.class)
public class GrpcMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GrpcMetrics grpcMetrics() {
        return new GrpcMetrics();
    }

    @Bean
    @ConditionalOnMissingBean
    MetricsServerInterceptor metricsServerInterceptor(MeterRegistry registry, GrpcMetricsProperties properties,
            GrpcMetrics grpcMetrics, ObjectProvider<GrpcErrorMapper> errorMapper) {
        GrpcErrorMapper mapper = errorMapper.getIfAvailable();
        return new MetricsServerInterceptor(registry, properties, grpcMetrics,
                (mapper != null) ? ex -> mapper.resolve(ex).code() : ex -> Status.Code.UNKNOWN);
    }
}
