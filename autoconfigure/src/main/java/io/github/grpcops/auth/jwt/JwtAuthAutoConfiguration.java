package io.github.grpcops.auth.jwt;

import java.time.Clock;
import java.util.Locale;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcAuthProperties.SpringSecurity.BearerTokens;
import io.jsonwebtoken.Jwts;

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
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * JWT bearer tokens ({@code grpc.auth.jwt.enabled}, on by default with jjwt on the class path): the
 * verification keys (a secret, a public key, or the identity provider's JWK Set from
 * {@code jwk-set-uri} or {@code issuer-uri}, checked by {@link VerificationKeys#from}) and the
 * authenticator. With none of them set, bearer tokens are refused as an unknown credential.
 */
@AutoConfiguration(after = GrpcAuthAutoConfiguration.class)
@ConditionalOnClass(Jwts.class)
@ConditionalOnBooleanProperty(name = "grpc.auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "grpc.auth.jwt.enabled", matchIfMissing = true)
@Conditional(JwtAuthAutoConfiguration.KeyConfigured.class)
@EnableConfigurationProperties(GrpcAuthProperties.class)
public class JwtAuthAutoConfiguration {

    /** Keys from the identity provider are first fetched in the background now, so the first call finds them. */
    @Bean
    @ConditionalOnMissingBean
    VerificationKeys grpcJwtVerificationKeys(GrpcAuthProperties properties) {
        BearerTokens verifier = properties.getSpringSecurity().getBearerTokens();
        if (verifier != BearerTokens.GRPC_OPS) {
            throw new InvalidJwtPropertiesException("grpc.auth.spring-security.bearer-tokens",
                    "grpc.auth.spring-security.bearer-tokens=" + verifier.name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + " hands bearer tokens to Spring Security, yet grpc.auth.jwt has keys of its own; "
                            + "remove the grpc.auth.jwt keys or the bearer-tokens setting");
        }
        VerificationKeys keys = VerificationKeys.from(properties.getJwt());
        if (keys instanceof JwkSetKeys remote) {
            remote.refreshInBackground();
        }
        return keys;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticator jwtAuthenticator(GrpcAuthProperties properties, VerificationKeys grpcJwtVerificationKeys) {
        return new JwtAuthenticator(properties.getJwt(), grpcJwtVerificationKeys, Clock.systemUTC());
    }

    /** A secret, a public key, a JWK Set URI or an issuer URI is set. */
    static class KeyConfigured extends SpringBootCondition {

        private static final String[] SOURCES = { "secret", "public-key", "jwk-set-uri", "issuer-uri" };

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            for (String source : SOURCES) {
                if (StringUtils.hasText(environment.getProperty("grpc.auth.jwt." + source))) {
                    return ConditionOutcome.match("grpc.auth.jwt." + source + " is set");
                }
            }
            return ConditionOutcome.noMatch("none of grpc.auth.jwt.secret, public-key, jwk-set-uri, issuer-uri is set");
        }
    }
}
