package io.github.grpcops.netdevh;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.springsecurity.GrpcSpringSecurityAutoConfiguration;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerSecurityAutoConfiguration;
import net.devh.boot.grpc.server.security.authentication.GrpcAuthenticationReader;
import net.devh.boot.grpc.server.security.interceptors.AuthenticatingServerInterceptor;
import net.devh.boot.grpc.server.security.interceptors.DefaultAuthenticatingServerInterceptor;
import net.devh.boot.grpc.server.security.interceptors.ExceptionTranslatingServerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.TestingAuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * grpc-ops' authentication beside net.devh's security auto-configuration, which an
 * {@link AuthenticationManager} bean switches on: without the adapter start-up fails for want of a
 * {@link GrpcAuthenticationReader}; with it net.devh's interceptors pass calls through; an application
 * that declares a reader of its own keeps net.devh's security as it configured it.
 */
class NetDevhSecurityAdapterAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withBean(AuthenticationManager.class, () -> new ProviderManager(new TestingAuthenticationProvider()))
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, GrpcAuthAutoConfiguration.class,
                GrpcSpringSecurityAutoConfiguration.class, NetDevhSecurityAdapterAutoConfiguration.class,
                GrpcServerSecurityAutoConfiguration.class));

    @Test
    void withoutTheAdapterAnAuthenticationManagerStopsStartUp() {
        new ApplicationContextRunner()
            .withBean(AuthenticationManager.class, () -> new ProviderManager(new TestingAuthenticationProvider()))
            .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, GrpcAuthAutoConfiguration.class,
                    GrpcServerSecurityAutoConfiguration.class))
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .hasMessageContaining(GrpcAuthenticationReader.class.getName()));
    }

    @Test
    void withTheAdapterNetDevhsInterceptorsPassCallsToGrpcOps() {
        this.runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DefaultAuthenticatingServerInterceptor.class);
            assertThat(context.getBean(AuthenticatingServerInterceptor.class).getClass().getEnclosingClass())
                .isEqualTo(NetDevhSecurityAdapterAutoConfiguration.class);
            assertThat(context.getBean(ExceptionTranslatingServerInterceptor.class).getClass())
                .isNotEqualTo(ExceptionTranslatingServerInterceptor.class);
        });
    }

    @Test
    void anApplicationReaderKeepsNetDevhsSecurity() {
        GrpcAuthenticationReader reader = (call, headers) -> null;
        this.runner.withBean(GrpcAuthenticationReader.class, () -> reader)
            .run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(DefaultAuthenticatingServerInterceptor.class);
                assertThat(context.getBean(ExceptionTranslatingServerInterceptor.class).getClass())
                    .isEqualTo(ExceptionTranslatingServerInterceptor.class);
            });
    }

    @Test
    void withGrpcOpsAuthenticationOffNetDevhsSecurityIsLeftAsItIs() {
        this.runner.withPropertyValues("grpc.auth.enabled=false")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .hasMessageContaining(GrpcAuthenticationReader.class.getName()));
    }
}
