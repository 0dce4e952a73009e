package io.github.grpcops.auth.jwt;

import java.time.Clock;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.GrpcAuthProperties;
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
 * authenticator, once {@code grpc.auth.jwt.secret} or {@code public-key} is set. With neither, bearer
 * tokens are refused as an unknown credential.
 */
@AutoConfiguration(after = GrpcAuthAutoConfiguration.class)
@ConditionalOnClass(Jwts.class)
@ConditionalOnBooleanProperty(name = "grpc.auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "grpc.auth.jwt.enabled", matchIfMissing = true)
@Conditional(JwtAuthAutoConfiguration.KeyConfigured.class)
@EnableConfigurationProperties(GrpcAuthProperties.class)
public class JwtAuthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticator jwtAuthenticator(GrpcAuthProperties properties) {
        return new JwtAuthenticator(properties.getJwt(), JwtVerificationKey.from(properties.getJwt()),
                Clock.systemUTC());
    }

    /** A secret or a public key is set. */
    static class KeyConfigured extends SpringBootCondition {

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
