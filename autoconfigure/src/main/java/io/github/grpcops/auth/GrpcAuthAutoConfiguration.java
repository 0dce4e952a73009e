package io.github.grpcops.auth;

import java.util.List;

import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.GrpcMethodMatcher;
import io.github.grpcops.server.ServiceDiscovery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Authentication and authorization of calls ({@code grpc.auth.enabled}, on by default): the
 * interceptor, the access policy, the default user resolver, and the internal-key authenticator when
 * configured. JWT ({@code auth.jwt}) and API keys ({@code auth.apikey}) have auto-configurations of
 * their own, which plug in {@link CredentialAuthenticator}s.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "grpc.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcAuthProperties.class)
public class GrpcAuthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceImplementations grpcServiceImplementations(ObjectProvider<ServiceDiscovery> discovery) {
        return new ServiceImplementations(discovery.getIfAvailable(() -> List::of));
    }

    @Bean
    @ConditionalOnMissingBean
    AccessPolicy grpcAccessPolicy(ServiceImplementations services, GrpcAuthProperties properties) {
        return new AccessPolicy(services,
                GrpcMethodMatcher.of(properties.getPublicMethods(), List.of()),
                properties.isRequireAuth());
    }

    /** Takes the principal from the credential as it is; applications replace it to load their users. */
    @Bean
    @ConditionalOnMissingBean
    GrpcUserResolver grpcUserResolver() {
        return verified -> verified;
    }

    @Bean
    @ConditionalOnMissingBean
    AuthenticationServerInterceptor authenticationServerInterceptor(GrpcAuthProperties properties,
            ObjectProvider<CredentialAuthenticator> authenticators, ObjectProvider<TransportAuthenticator> transports,
            GrpcUserResolver users, AccessPolicy policy, CallRefuser refusals) {
        return new AuthenticationServerInterceptor(properties, authenticators.orderedStream().toList(),
                transports.orderedStream().toList(), users, policy, refusals);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("grpc.auth.internal-key.enabled")
    InternalKeyAuthenticator internalKeyAuthenticator(GrpcAuthProperties properties) {
        GrpcAuthProperties.InternalKey internal = properties.getInternalKey();
        return new InternalKeyAuthenticator(internal.getSecret(), internal.getPrincipalName(),
                internal.getAuthorities());
    }
}
