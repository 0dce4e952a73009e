package io.github.grpcops.auth.jwt;

import io.github.grpcops.auth.AuthenticationServerInterceptor;
import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** JWT's auto-configuration: a key turns it on, switches and a missing jjwt turn it off, a weak key stops start-up. */
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
    void shortSecretStopsStartUpWithoutShowingIt() {
        this.runner.withPropertyValues("grpc.auth.jwt.secret=short-secret-value")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("grpc.auth.jwt.secret is 144 bits, but HS256 needs at least 256 bits")
                .hasMessageNotContaining("short-secret-value"));
    }
}
