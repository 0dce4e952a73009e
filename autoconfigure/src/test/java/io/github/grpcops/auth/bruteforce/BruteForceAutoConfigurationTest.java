package io.github.grpcops.auth.bruteforce;

import io.github.bucket4j.Bucket;
import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.github.grpcops.pipeline.PipelineOrder;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Brute-force protection's auto-configuration: on with auth, before it; switches, back-off, missing libraries. */
class BruteForceAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, GrpcAuthAutoConfiguration.class,
                BruteForceAutoConfiguration.class));

    @Test
    void onByDefaultRightBeforeAuthenticationWithItsCounter() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(BruteForceProtectionServerInterceptor.class)
                .hasBean("grpcBruteForceMeters");
            assertThat(context.getBean(BruteForceProtectionServerInterceptor.class).getOrder())
                .isEqualTo(PipelineOrder.BRUTE_FORCE)
                .isLessThan(PipelineOrder.AUTH)
                .isGreaterThan(PipelineOrder.METRICS);
        });
    }

    @Test
    void switchedOffWithItselfOrWithAuthentication() {
        this.runner.withPropertyValues("grpc.auth.brute-force.enabled=false")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(BruteForceProtectionServerInterceptor.class));
        this.runner.withPropertyValues("grpc.auth.enabled=false")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(BruteForceProtectionServerInterceptor.class));
    }

    @Test
    void backsOffWhenTheUserDefinesItOrBucket4jIsMissing() {
        BruteForceProtectionServerInterceptor own = new BruteForceProtectionServerInterceptor(
                new GrpcAuthProperties.BruteForce(), new CallRefuser("own"));
        this.runner.withBean(BruteForceProtectionServerInterceptor.class, () -> own)
            .run(context -> assertThat(context.getBean(BruteForceProtectionServerInterceptor.class)).isSameAs(own));
        this.runner.withClassLoader(new FilteredClassLoader(Bucket.class))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(BruteForceProtectionServerInterceptor.class));
        this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
            .run(context -> assertThat(context).hasSingleBean(BruteForceProtectionServerInterceptor.class)
                .doesNotHaveBean("grpcBruteForceMeters"));
    }

    @Test
    void anInvalidBudgetStopsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("grpc.auth.brute-force.max-failures=-1")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessage("grpc.auth.brute-force.max-failures is -1, but must be at least 1."));
    }
}
