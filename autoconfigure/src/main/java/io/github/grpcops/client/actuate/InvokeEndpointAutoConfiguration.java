package io.github.grpcops.client.actuate;

import io.github.grpcops.actuate.GrpcEndpoint;
import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.server.ServerSettings;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code invoke} section of {@code /actuator/grpc}, off unless {@code grpc.actuator.invoke-enabled=true}:
 * it lets whoever reaches the endpoint call the server's methods, so enable it only where Actuator is
 * protected. Needs the {@link ServerSettings} of a gRPC server, which the server adapter (ordered before
 * this) provides.
 */
@AutoConfiguration
@ConditionalOnClass({ WebEndpoint.class, DynamicGrpcClient.class })
@ConditionalOnAvailableEndpoint(endpoint = GrpcEndpoint.class)
@ConditionalOnBean(ServerSettings.class)
@ConditionalOnBooleanProperty(name = "grpc.actuator.invoke-enabled")
@EnableConfigurationProperties(InvokeEndpointProperties.class)
public class InvokeEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InvokeEndpointSection invokeEndpointSection(InvokeEndpointProperties properties,
            ServerSettings serverSettings) {
        return new InvokeEndpointSection(properties, serverSettings);
    }
}
