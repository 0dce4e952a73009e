package io.github.grpcops.pipeline;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * What every call and every built-in share, always on: the interceptor that resolves each call's
 * {@link CallFacts} once, and the {@link CallRefuser} through which every refusal goes, with its
 * {@code ErrorInfo} domain from {@code grpc.errors.domain} (read here, so it holds with error mapping
 * switched off), else {@code spring.application.name}, else {@value #DEFAULT_DOMAIN}.
 */
@AutoConfiguration
public class PipelineAutoConfiguration {

    static final String DEFAULT_DOMAIN = "grpc-ops";

    /** Uses the application's {@link ClientIpLookup} bean (grpc-ops' {@code ClientIpResolver}), else the peer. */
    @Bean
    @ConditionalOnMissingBean
    CallFactsServerInterceptor callFactsServerInterceptor(ObjectProvider<ClientIpLookup> clientIps) {
        return new CallFactsServerInterceptor(clientIps.getIfAvailable(() -> ClientIpLookup.PEER));
    }

    @Bean
    @ConditionalOnMissingBean
    CallRefuser callRefuser(Environment environment) {
        return new CallRefuser(environment.getProperty("grpc.errors.domain",
                environment.getProperty("spring.application.name", DEFAULT_DOMAIN)));
    }
}
