package io.github.grpcops.auth.mtls;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Client certificates as callers: off until switched on, off with authentication, a bad pattern stops start-up. */
class MtlsAuthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(PipelineAutoConfiguration.class, GrpcAuthAutoConfiguration.class,
                    MtlsAuthAutoConfiguration.class));

    @Test
    void offUntilSwitchedOn() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(ClientCertificateAuthenticator.class));
        this.runner.withPropertyValues("grpc.auth.mtls.enabled=true")
            .run(context -> assertThat(context).hasSingleBean(ClientCertificateAuthenticator.class));
        this.runner.withPropertyValues("grpc.auth.mtls.enabled=true", "grpc.auth.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ClientCertificateAuthenticator.class));
    }

    @Test
    void anInvalidPatternStopsStartUp() {
        this.runner.withPropertyValues("grpc.auth.mtls.enabled=true", "grpc.auth.mtls.principal-pattern=(")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageStartingWith("grpc.auth.mtls.principal-pattern is not a regular expression"));
    }
}
