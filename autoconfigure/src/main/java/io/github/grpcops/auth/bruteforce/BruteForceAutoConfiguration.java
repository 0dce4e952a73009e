package io.github.grpcops.auth.bruteforce;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.pipeline.CallRefuser;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Brute-force protection before authentication ({@code grpc.auth.brute-force.enabled}, on by default
 * with authentication, Bucket4j and Caffeine on the class path, as the starter brings them).
 */
@AutoConfiguration(after = GrpcAuthAutoConfiguration.class)
@ConditionalOnClass({ Bucket.class, Caffeine.class })
@ConditionalOnBooleanProperty(name = "grpc.auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "grpc.auth.brute-force.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcAuthProperties.class)
public class BruteForceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BruteForceProtectionServerInterceptor bruteForceProtectionServerInterceptor(GrpcAuthProperties properties,
            CallRefuser refusals) {
        return new BruteForceProtectionServerInterceptor(properties.getBruteForce(), refusals);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class BruteForceMeters {

        @Bean
        MeterBinder grpcBruteForceMeters(BruteForceProtectionServerInterceptor interceptor) {
            return registry -> FunctionCounter
                .builder("grpc.server.auth.brute-force.refused", interceptor,
                        BruteForceProtectionServerInterceptor::refusedCount)
                .description("Calls refused with RESOURCE_EXHAUSTED because their address presented too many "
                        + "bad credentials")
                .register(registry);
        }
    }
}
