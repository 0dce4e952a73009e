package io.github.grpcops.auth;

import java.time.Clock;
import java.util.List;

import io.github.grpcops.auth.jwt.JwtAuthenticator;
import io.github.grpcops.auth.jwt.JwtVerificationKey;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.MethodMatcher;
import io.github.grpcops.server.ServiceDiscovery;
import io.jsonwebtoken.Jwts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Authentication and authorization of calls ({@code grpc.auth.enabled}, on by default): the
 * interceptor, the access policy, the default user resolver, and the JWT and internal-key
 * authenticators when configured. API keys have their own auto-configuration (they need JPA).
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
                MethodMatcher.of(properties.getPublicMethods(), List.of()),
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
            ObjectProvider<CredentialAuthenticator> authenticators, GrpcUserResolver users, AccessPolicy policy,
            CallRefuser refusals) {
        return new AuthenticationServerInterceptor(properties, authenticators.orderedStream().toList(), users,
                policy, refusals);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("grpc.auth.internal-key.enabled")
    InternalKeyAuthenticator internalKeyAuthenticator(GrpcAuthProperties properties) {
        GrpcAuthProperties.InternalKey internal = properties.getInternalKey();
        return new InternalKeyAuthenticator(internal.getSecret(), internal.getPrincipalName(),
                internal.getAuthorities());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Jwts.class)
    @ConditionalOnBooleanProperty(name = "grpc.auth.jwt.enabled", matchIfMissing = true)
    @Conditional(JwtKeyConfigured.class)
    static class JwtConfiguration {

        @Bean
        @ConditionalOnMissingBean
        JwtAuthenticator jwtAuthenticator(GrpcAuthProperties properties) {
            return new JwtAuthenticator(properties.getJwt(), JwtVerificationKey.from(properties.getJwt()),
                    Clock.systemUTC());
        }
    }

    /** JWT needs a secret or a public key; with neither, bearer tokens are refused as an unknown credential. */
    static class JwtKeyConfigured extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            boolean configured = StringUtils.hasText(environment.getProperty("grpc.auth.jwt.secret"))
                    || StringUtils.hasText(environment.getProperty("grpc.auth.jwt.public-key"));
            return configured ? ConditionOutcome.match("grpc.auth.jwt.secret or public-key is set")
                    : ConditionOutcome.noMatch("neither grpc.auth.jwt.secret nor public-key is set");
        }
    }
}
