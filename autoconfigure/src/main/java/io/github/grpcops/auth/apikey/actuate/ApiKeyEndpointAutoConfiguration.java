package io.github.grpcops.auth.apikey.actuate;

import io.github.grpcops.actuate.GrpcEndpoint;
import io.github.grpcops.auth.apikey.ApiKeyAutoConfiguration;
import io.github.grpcops.auth.apikey.ApiKeyManager;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code apikeys} section of {@code /actuator/grpc} when Actuator is present, the endpoint is
 * available and API keys are on ({@link ApiKeyManager}).
 */
@AutoConfiguration(after = ApiKeyAutoConfiguration.class)
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnAvailableEndpoint(endpoint = GrpcEndpoint.class)
@ConditionalOnBean(ApiKeyManager.class)
public class ApiKeyEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ApiKeyEndpointSection apiKeyEndpointSection(ApiKeyManager keys) {
        return new ApiKeyEndpointSection(keys);
    }
}
