package io.github.grpcops.metrics.actuate;

import io.github.grpcops.actuate.GrpcEndpoint;
import io.github.grpcops.metrics.GrpcMetrics;
import io.github.grpcops.metrics.GrpcMetricsAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code metrics} section of {@code /actuator/grpc} when Actuator is present, the endpoint is
 * available and grpc-ops' metrics are on ({@link GrpcMetrics}).
 */
@AutoConfiguration(after = GrpcMetricsAutoConfiguration.class)
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnAvailableEndpoint(endpoint = GrpcEndpoint.class)
@ConditionalOnBean(GrpcMetrics.class)
public class GrpcMetricsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MetricsEndpointSection metricsEndpointSection(GrpcMetrics grpcMetrics) {
        return new MetricsEndpointSection(grpcMetrics);
    }
}
