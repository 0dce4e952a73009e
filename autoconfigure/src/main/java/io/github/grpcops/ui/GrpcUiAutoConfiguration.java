package io.github.grpcops.ui;

import java.util.List;

import io.github.grpcops.actuate.GrpcEndpoint;
import io.github.grpcops.actuate.GrpcEndpointSection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The web console, off unless {@code grpc.ui.enabled=true} and the {@code grpcui} endpoint is exposed
 * ({@code management.endpoints.web.exposure.include=grpc,grpcui}). It reads the {@code grpc} endpoint:
 * without that one exposed, its pages say so.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnBooleanProperty(name = "grpc.ui.enabled")
@ConditionalOnAvailableEndpoint(endpoint = GrpcUiEndpoint.class)
@EnableConfigurationProperties(GrpcUiProperties.class)
public class GrpcUiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GrpcUiEndpoint grpcUiEndpoint(GrpcUiProperties properties, ObjectProvider<EndpointAccessResolver> access,
            ObjectProvider<GrpcEndpoint> endpoint, ObjectProvider<GrpcEndpointSection> sections) {
        return new GrpcUiEndpoint(properties, access.getIfAvailable(),
                () -> (endpoint.getIfAvailable() == null) ? List.of()
                        : sections.orderedStream().map(GrpcEndpointSection::name).sorted().toList());
    }
}
