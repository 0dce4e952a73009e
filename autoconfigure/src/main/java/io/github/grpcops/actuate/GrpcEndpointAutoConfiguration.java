package io.github.grpcops.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code grpc} Actuator endpoint, in its own auto-configuration so Actuator stays optional.
 * Expose it like any endpoint: {@code management.endpoints.web.exposure.include=grpc}.
 */
@AutoConfiguration
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnAvailableEndpoint(endpoint = GrpcEndpoint.class)
public class GrpcEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GrpcEndpoint grpcEndpoint(ObjectProvider<GrpcEndpointSection> sections) {
        return new GrpcEndpoint(sections.orderedStream().toList());
    }
}
