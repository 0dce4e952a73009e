package io.github.grpcops.server;

import io.github.grpcops.pipeline.CallRefuser;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs service calls on a bounded worker pool ({@code grpc.executor.enabled}, on by default).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "grpc.executor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcExecutorProperties.class)
public class GrpcExecutorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BoundedCallExecutor boundedCallExecutor(GrpcExecutorProperties properties) {
        return new BoundedCallExecutor(properties);
    }

    @Bean
    ServerBuilderCustomizer boundedCallExecutorCustomizer(BoundedCallExecutor executor) {
        return builder -> builder.callExecutor(executor);
    }

    @Bean
    @ConditionalOnMissingBean
    OverloadServerInterceptor overloadServerInterceptor(BoundedCallExecutor executor, CallRefuser refusals) {
        return new OverloadServerInterceptor(executor, refusals);
    }
}
