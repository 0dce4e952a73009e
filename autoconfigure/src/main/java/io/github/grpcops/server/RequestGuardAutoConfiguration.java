package io.github.grpcops.server;

import io.github.grpcops.pipeline.CallRefuser;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * Clear statuses for malformed and oversized request messages ({@code grpc.request-guard.enabled}, on
 * by default). The limit is net.devh's {@code grpc.server.max-inbound-message-size} (4MB when unset);
 * the transport itself accepts up to twice that (at least 1MB more), so messages between the limit
 * and that ceiling get {@code RESOURCE_EXHAUSTED} with a message, and only larger ones meet grpc-java's
 * stream reset.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "grpc.request-guard.enabled", matchIfMissing = true)
public class RequestGuardAutoConfiguration {

    static final int DEFAULT_LIMIT = 4 * 1024 * 1024;

    @Bean
    @ConditionalOnMissingBean
    RequestMessageGuard requestMessageGuard(GrpcServerProperties properties) {
        return new RequestMessageGuard(limit(properties));
    }

    @Bean
    static BeanPostProcessor guardedServiceDiscovererPostProcessor(ObjectProvider<RequestMessageGuard> guard) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return (bean instanceof GrpcServiceDiscoverer discoverer)
                        ? new GuardedServiceDiscoverer(discoverer, guard.getObject()) : bean;
            }
        };
    }

    @Bean
    GrpcServerConfigurer requestGuardTransportCeiling(GrpcServerProperties properties) {
        int limit = limit(properties);
        long ceiling = Math.max(2L * limit, limit + 1024L * 1024);
        return builder -> builder.maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, ceiling));
    }

    @Bean
    @GrpcGlobalServerInterceptor
    @ConditionalOnMissingBean
    RequestGuardServerInterceptor requestGuardServerInterceptor(CallRefuser refusals) {
        return new RequestGuardServerInterceptor(refusals);
    }

    private static int limit(GrpcServerProperties properties) {
        DataSize size = properties.getMaxInboundMessageSize();
        return (size != null) ? (int) Math.min(Integer.MAX_VALUE, size.toBytes()) : DEFAULT_LIMIT;
    }
}
