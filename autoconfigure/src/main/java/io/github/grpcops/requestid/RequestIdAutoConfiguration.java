package io.github.grpcops.requestid;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the request-id interceptor ({@code grpc.request-id.enabled}, on by default).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "grpc.request-id.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RequestIdProperties.class)
public class RequestIdAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RequestIdServerInterceptor requestIdServerInterceptor(RequestIdProperties properties) {
        return new RequestIdServerInterceptor(properties);
    }
}
