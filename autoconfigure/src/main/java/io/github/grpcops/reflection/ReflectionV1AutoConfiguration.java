package io.github.grpcops.reflection;

import io.grpc.protobuf.services.ProtoReflectionService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Adds server reflection v1 next to the server integration's v1alpha one, under the same switch
 * ({@code grpc.server.reflection-service-enabled}): current tools (grpcurl, buf curl, Postman) ask for
 * v1 first. The service is a {@link io.github.grpcops.server.BuiltInService}, which the server adapter
 * registers.
 */
@AutoConfiguration
@ConditionalOnClass(ProtoReflectionService.class)
@ConditionalOnBooleanProperty(name = "grpc.server.reflection-service-enabled", matchIfMissing = true)
public class ReflectionV1AutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReflectionV1Service reflectionV1Service() {
        return new ReflectionV1Service();
    }
}
