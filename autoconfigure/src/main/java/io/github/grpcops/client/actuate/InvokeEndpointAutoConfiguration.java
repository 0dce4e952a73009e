package io.github.grpcops.client.actuate;

import io.github.grpcops.client.DynamicGrpcClient;
import net.devh.boot.grpc.server.config.GrpcServerProperties;

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
 * protected.
 */
@AutoConfiguration(afterName = "net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration")
@ConditionalOnClass({ WebEndpoint.class, GrpcServerProperties.class, DynamicGrpcClient.class })
@ConditionalOnBean(GrpcServerProperties.class)
@ConditionalOnBooleanProperty(name = "grpc.actuator.invoke-enabled")
@EnableConfigurationProperties(InvokeEndpointProperties.class)
public class InvokeEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InvokeEndpointSection invokeEndpointSection(InvokeEndpointProperties properties,
            GrpcServerProperties serverProperties) {
        return new InvokeEndpointSection(properties, serverProperties);
    }
}
