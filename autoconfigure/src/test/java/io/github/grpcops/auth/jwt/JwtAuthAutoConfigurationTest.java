package io.github.grpcops.auth.jwt;

import java.util.stream.Stream;

import io.github.grpcops.auth.AuthenticationServerInterceptor;
import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * JWT's auto-configuration: a key (or a key source) turns it on, switches and a missing jjwt turn it off,
 * a key or key source that cannot work stops start-up with the property named.
 */
class JwtAuthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
        .of(PipelineAutoConfiguration.class, GrpcAuthAutoConfiguration.class, JwtAuthAutoConfiguration.class));

    @Test
    void authenticatorAppearsWithASecretAndNotWithoutOne() {
        this.runner.withPropertyValues("grpc.auth.jwt.secret=" + TestTokens.SECRET)
            .run(context -> assertThat(context).hasSingleBean(JwtAuthenticator.class));
        this.runner.run(context -> assertThat(context).hasNotFailed()
            .hasSingleBean(AuthenticationServerInterceptor.class)
            .doesNotHaveBean(JwtAuthenticator.class));
    }

    @Test
    void blankSecretLeavesJwtOff() {
        this.runner.withPropertyValues("grpc.auth.jwt.secret=")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtAuthenticator.class));
    }

    @Test
    void switchedOffByJwtOrAuthProperty() {
        this.runner.withPropertyValues("grpc.auth.jwt.enabled=false", "grpc.auth.jwt.secret=" + TestTokens.SECRET)
            .run(context -> assertThat(context).doesNotHaveBean(JwtAuthenticator.class));
        this.runner.withPropertyValues("grpc.auth.enabled=false", "grpc.auth.jwt.secret=" + TestTokens.SECRET)
            .run(context -> assertThat(context).doesNotHaveBean(JwtAuthenticator.class)
                .doesNotHaveBean(AuthenticationServerInterceptor.class));
    }

    @Test
    void withoutJjwtThereIsNoJwtButAuthenticationWorks() {
        this.runner.withPropertyValues("grpc.auth.jwt.secret=" + TestTokens.SECRET)
            .withClassLoader(new FilteredClassLoader(Jwts.class))
            .run(context -> assertThat(context).hasSingleBean(AuthenticationServerInterceptor.class)
                .doesNotHaveBean(JwtAuthenticator.class));
    }

    @Test
    void keysFromAnIdentityProviderNeedNoProviderToStart() {
        this.runner.withPropertyValues("grpc.auth.jwt.issuer-uri=https://127.0.0.1:1/realms/test")
            .run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(JwtAuthenticator.class);
                assertThat(context.getBean(VerificationKeys.class)).isInstanceOf(JwkSetKeys.class);
            });
        this.runner.withPropertyValues("grpc.auth.jwt.jwk-set-uri=https://login.example.com/keys")
            .run(context -> assertThat(context.getBean(VerificationKeys.class)).isInstanceOf(JwkSetKeys.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidKeySources")
    void invalidKeySourcesStopStartUpNamingTheProperty(String label, String[] properties, String property,
            String message) {
        this.runner.withPropertyValues(properties)
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOfSatisfying(InvalidJwtPropertiesException.class,
                        ex -> assertThat(ex.property()).isEqualTo(property))
                .hasMessageContaining(message)
                .hasMessageNotContaining(TestTokens.SECRET));
    }

    static Stream<Arguments> invalidKeySources() {
        return Stream.of(
                arguments("plain http", new String[] { "grpc.auth.jwt.jwk-set-uri=http://login.example.com/keys" },
                        "grpc.auth.jwt.jwk-set-uri", "must be an absolute https URL, was http://login.example.com/keys "
                                + "(grpc.auth.jwt.jwks.allow-http=true accepts http"),
                arguments("relative", new String[] { "grpc.auth.jwt.issuer-uri=/realms/test" },
                        "grpc.auth.jwt.issuer-uri", "must be an absolute https URL"),
                arguments("not a URI", new String[] { "grpc.auth.jwt.jwk-set-uri=https://login example.com" },
                        "grpc.auth.jwt.jwk-set-uri", "is not a URI"),
                arguments("credentials in the URI",
                        new String[] { "grpc.auth.jwt.jwk-set-uri=https://user:pw@login.example.com/keys" },
                        "grpc.auth.jwt.jwk-set-uri", "must not carry user info"),
                arguments("secret and issuer-uri",
                        new String[] { "grpc.auth.jwt.secret=" + TestTokens.SECRET,
                                "grpc.auth.jwt.issuer-uri=https://login.example.com" },
                        "grpc.auth.jwt", "not several"),
                arguments("HMAC with a JWK Set",
                        new String[] { "grpc.auth.jwt.issuer-uri=https://login.example.com",
                                "grpc.auth.jwt.algorithms=HS256" },
                        "grpc.auth.jwt.algorithms", "HS256 cannot be verified with keys from a JWK Set"),
                arguments("another issuer",
                        new String[] { "grpc.auth.jwt.issuer-uri=https://login.example.com",
                                "grpc.auth.jwt.issuer=https://other.example.com" },
                        "grpc.auth.jwt.issuer", "differs from grpc.auth.jwt.issuer-uri"),
                arguments("no minimum interval",
                        new String[] { "grpc.auth.jwt.jwk-set-uri=https://login.example.com/keys",
                                "grpc.auth.jwt.jwks.min-fetch-interval=0s" },
                        "grpc.auth.jwt.jwks.min-fetch-interval", "must be positive"),
                arguments("short secret", new String[] { "grpc.auth.jwt.secret=short-secret-value" },
                        "grpc.auth.jwt.secret", "needs at least 256 bits"));
    }

    @Test
    void shortSecretStopsStartUpWithoutShowingIt() {
        this.runner.withPropertyValues("grpc.auth.jwt.secret=short-secret-value")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("grpc.auth.jwt.secret is 144 bits, but HS256 needs at least 256 bits")
                .hasMessageNotContaining("short-secret-value"));
    }
}
