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
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sections of {@code /actuator/grpc} that reach this server through grpc-ops-client: {@code invoke},
 * off unless {@code grpc.actuator.invoke-enabled=true} (it lets whoever reaches the endpoint call the
 * server's methods, so enable it only where Actuator is protected), and {@code schema} (read-only, on
 * unless {@code grpc.actuator.schema-enabled=false}). Needs the {@link ServerSettings} of a gRPC server,
 * which the server adapter (ordered before this) provides.
 */
@AutoConfiguration
@ConditionalOnClass({ WebEndpoint.class, DynamicGrpcClient.class })
@ConditionalOnAvailableEndpoint(endpoint = GrpcEndpoint.class)
@ConditionalOnBean(ServerSettings.class)
@EnableConfigurationProperties(InvokeEndpointProperties.class)
public class InvokeEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OwnServerClient ownServerClient(InvokeEndpointProperties properties, ServerSettings serverSettings) {
        return new OwnServerClient(properties, serverSettings);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "grpc.actuator.invoke-enabled")
    InvokeEndpointSection invokeEndpointSection(InvokeEndpointProperties properties, OwnServerClient client) {
        return new InvokeEndpointSection(properties, client);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "grpc.actuator.schema-enabled", matchIfMissing = true)
    SchemaEndpointSection schemaEndpointSection(OwnServerClient client) {
        return new SchemaEndpointSection(client);
    }

    /** Invoke's JSON values through Actuator's Spring MVC binding (see {@link JsonValuesBodyAdvice}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdvice")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBooleanProperty(name = "grpc.actuator.invoke-enabled")
    static class JsonValuesConfiguration {

        @Bean
        @ConditionalOnMissingBean
        JsonValuesBodyAdvice invokeJsonValuesBodyAdvice() {
            return new JsonValuesBodyAdvice();
        }
    }
}
