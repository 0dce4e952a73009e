package io.github.grpcops.auth.springsecurity;

import io.github.grpcops.auth.AuthenticationServerInterceptor;
import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.jwt.InvalidJwtPropertiesException;
import io.github.grpcops.auth.jwt.JwtAuthAutoConfiguration;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.github.grpcops.pipeline.PipelineOrder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring Security bridge's auto-configuration: on with Spring Security, switches, back-off, bearer-token verifiers. */
class GrpcSpringSecurityAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, GrpcAuthAutoConfiguration.class,
                JwtAuthAutoConfiguration.class, GrpcSpringSecurityAutoConfiguration.class));

    @Test
    void onWithSpringSecurityRightAfterAuthentication() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(SecurityContextServerInterceptor.class)
                .doesNotHaveBean(JwtDecoderAuthenticator.class)
                .doesNotHaveBean(AuthenticationManagerAuthenticator.class);
            assertThat(context.getBean(SecurityContextServerInterceptor.class).getOrder())
                .isEqualTo(PipelineOrder.SECURITY_CONTEXT)
                .isGreaterThan(context.getBean(AuthenticationServerInterceptor.class).getOrder());
        });
    }

    @Test
    void offByPropertyWithAuthenticationOrWithoutSpringSecurity() {
        this.runner.withPropertyValues("grpc.auth.spring-security.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(SecurityContextServerInterceptor.class));
        this.runner.withPropertyValues("grpc.auth.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(SecurityContextServerInterceptor.class));
        this.runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(AuthenticationServerInterceptor.class)
                .doesNotHaveBean(SecurityContextServerInterceptor.class));
    }

    @Test
    void theApplicationsJwtDecoderVerifiesBearerTokensWhenAskedAndIsRequiredThen() {
        this.runner.withPropertyValues("grpc.auth.spring-security.bearer-tokens=jwt-decoder")
            .withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withSecretKey(TestTokens.hmacKey()).build())
            .run(context -> assertThat(context).hasSingleBean(JwtDecoderAuthenticator.class));
        this.runner.withPropertyValues("grpc.auth.spring-security.bearer-tokens=JWT_DECODER")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("grpc.auth.spring-security.bearer-tokens=jwt-decoder needs exactly one "
                        + "JwtDecoder bean"));
        this.runner.withPropertyValues("grpc.auth.spring-security.bearer-tokens=authentication-manager")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("needs exactly one AuthenticationManager bean"));
    }

    @Test
    void bearerTokensForSpringSecurityAndAGrpcOpsJwtKeyStopStartUp() {
        this.runner.withPropertyValues("grpc.auth.spring-security.bearer-tokens=jwt-decoder",
                "grpc.auth.jwt.secret=" + TestTokens.SECRET)
            .withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withSecretKey(TestTokens.hmacKey()).build())
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidJwtPropertiesException.class)
                .hasMessageContaining("grpc.auth.spring-security.bearer-tokens=jwt-decoder hands bearer tokens to "
                        + "Spring Security")
                .hasMessageNotContaining(TestTokens.SECRET));
    }
}
