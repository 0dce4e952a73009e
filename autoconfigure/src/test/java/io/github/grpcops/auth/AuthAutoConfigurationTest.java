package io.github.grpcops.auth;

import io.github.grpcops.auth.apikey.ApiKeyAuthenticator;
import io.github.grpcops.auth.apikey.ApiKeyAutoConfiguration;
import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.auth.readonly.ReadOnlyServiceAutoConfiguration;
import io.github.grpcops.auth.readonly.ReadOnlyServiceInterceptor;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.jpa.repository.JpaRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** The auth auto-configurations: defaults, switches, back-off, missing libraries, start-up checks. */
class AuthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, GrpcAuthAutoConfiguration.class));

    private final ApplicationContextRunner withJpa = new ApplicationContextRunner()
        .withPropertyValues("spring.datasource.generate-unique-name=true")
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                JpaRepositoriesAutoConfiguration.class, TransactionAutoConfiguration.class,
                GrpcAuthAutoConfiguration.class, ApiKeyAutoConfiguration.class,
                ReadOnlyServiceAutoConfiguration.class));

    @Test
    void interceptorIsOnByDefaultAtTheAuthPositionWithoutInternalKey() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(AuthenticationServerInterceptor.class)
                .hasSingleBean(AccessPolicy.class)
                .hasSingleBean(GrpcUserResolver.class)
                .doesNotHaveBean(InternalKeyAuthenticator.class);
            assertThat(context.getBean(AuthenticationServerInterceptor.class).getOrder()).isEqualTo(-6000);
        });
    }

    @Test
    void internalKeyAuthenticatorAppearsWhenConfiguredAndTheOrderMoves() {
        this.runner.withPropertyValues("grpc.auth.order=-100", "grpc.auth.internal-key.enabled=true",
                "grpc.auth.internal-key.secret=" + TestTokens.INTERNAL_KEY)
            .run(context -> {
                assertThat(context).hasSingleBean(InternalKeyAuthenticator.class);
                assertThat(context.getBean(AuthenticationServerInterceptor.class).getOrder()).isEqualTo(-100);
            });
    }

    @Test
    void switchedOffByProperties() {
        this.runner.withPropertyValues("grpc.auth.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(AuthenticationServerInterceptor.class));
        new ApplicationContextRunner().withPropertyValues("grpc.auth.api-key.enabled=false")
            .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, DataSourceAutoConfiguration.class,
                    GrpcAuthAutoConfiguration.class, ApiKeyAutoConfiguration.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiKeyManager.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheBeans() {
        GrpcUserResolver resolver = verified -> null;
        this.runner.withBean(GrpcUserResolver.class, () -> resolver)
            .run(context -> assertThat(context.getBean(GrpcUserResolver.class)).isSameAs(resolver));
    }

    @Test
    void shortInternalKeyStopsStartUpWithoutShowingIt() {
        this.runner.withPropertyValues("grpc.auth.internal-key.enabled=true", "grpc.auth.internal-key.secret=tiny-key")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("grpc.auth.internal-key.secret must be at least 32 characters")
                .hasMessageNotContaining("tiny-key"));
    }

    @Test
    void apiKeysAndReadOnlyServicesComeWithJpaAndADataSource() {
        this.withJpa.run(context -> assertThat(context).hasSingleBean(ApiKeyManager.class)
            .hasSingleBean(ApiKeyAuthenticator.class)
            .hasSingleBean(ReadOnlyServiceInterceptor.class));
    }

    @Test
    void apiKeysNeedSpringDataJpa() {
        this.withJpa.withClassLoader(new FilteredClassLoader(JpaRepository.class))
            .run(context -> assertThat(context).doesNotHaveBean(ApiKeyManager.class));
    }
}
