package io.github.grpcops.auth.springsecurity;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcAuthProperties.SpringSecurity.BearerTokens;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The Spring Security bridge ({@code grpc.auth.spring-security.enabled}, on by default when
 * spring-security-core is on the class path and authentication is on): the caller in the
 * {@code SecurityContext} while a call runs, and, when {@code grpc.auth.spring-security.bearer-tokens}
 * says so, bearer tokens verified by the application's {@code JwtDecoder} or {@code AuthenticationManager}.
 * Method security itself is the application's ({@code @EnableMethodSecurity}).
 */
@AutoConfiguration(after = GrpcAuthAutoConfiguration.class)
@ConditionalOnClass(SecurityContextHolder.class)
@ConditionalOnBooleanProperty(name = "grpc.auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "grpc.auth.spring-security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcAuthProperties.class)
public class GrpcSpringSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityContextServerInterceptor securityContextServerInterceptor(GrpcAuthProperties properties) {
        return new SecurityContextServerInterceptor(properties.getSpringSecurity());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JwtDecoder.class)
    @Conditional(BearerTokensBy.JwtDecoders.class)
    static class JwtDecoderBearerTokens {

        @Bean
        @ConditionalOnMissingBean
        JwtDecoderAuthenticator jwtDecoderAuthenticator(ObjectProvider<JwtDecoder> decoder,
                GrpcAuthProperties properties) {
            return new JwtDecoderAuthenticator(required(decoder, JwtDecoder.class), properties.getJwt());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(BearerTokenAuthenticationToken.class)
    @Conditional(BearerTokensBy.AuthenticationManagers.class)
    static class AuthenticationManagerBearerTokens {

        @Bean
        @ConditionalOnMissingBean
        AuthenticationManagerAuthenticator authenticationManagerAuthenticator(
                ObjectProvider<AuthenticationManager> manager, GrpcAuthProperties properties) {
            return new AuthenticationManagerAuthenticator(required(manager, AuthenticationManager.class), properties);
        }
    }

    private static <T> T required(ObjectProvider<T> bean, Class<T> type) {
        T found = bean.getIfUnique();
        if (found == null) {
            throw new IllegalStateException("grpc.auth.spring-security.bearer-tokens="
                    + (type == JwtDecoder.class ? "jwt-decoder" : "authentication-manager") + " needs exactly one "
                    + type.getSimpleName() + " bean" + (type == JwtDecoder.class
                            ? " (spring.security.oauth2.resourceserver.jwt.* makes one, or declare your own)" : ""));
        }
        return found;
    }

    /** Matches when grpc.auth.spring-security.bearer-tokens names its value (relaxed: jwt-decoder, JWT_DECODER). */
    abstract static class BearerTokensBy extends SpringBootCondition {

        private final BearerTokens value;

        BearerTokensBy(BearerTokens value) {
            this.value = value;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            BearerTokens configured = Binder.get(context.getEnvironment())
                .bind("grpc.auth.spring-security.bearer-tokens", BearerTokens.class)
                .orElse(BearerTokens.GRPC_OPS);
            return (configured == this.value)
                    ? ConditionOutcome.match("grpc.auth.spring-security.bearer-tokens is " + this.value)
                    : ConditionOutcome.noMatch("grpc.auth.spring-security.bearer-tokens is " + configured);
        }

        static final class JwtDecoders extends BearerTokensBy {

            JwtDecoders() {
                super(BearerTokens.JWT_DECODER);
            }
        }

        static final class AuthenticationManagers extends BearerTokensBy {

            AuthenticationManagers() {
                super(BearerTokens.AUTHENTICATION_MANAGER);
            }
        }
    }
}
