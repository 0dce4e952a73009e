package io.github.grpcops.status;

import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.jobs.FleetJobLock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.jpa.repository.JpaRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server status auto-configuration: on by default with a data source and Spring Data JPA, backs off
 * for the user's own beans, switched off by property, absent without JPA; bad durations fail at
 * startup naming the property.
 */
class ServerStatusAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withPropertyValues("spring.datasource.generate-unique-name=true")
        .withUserConfiguration(Application.class)
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class,
                ServerStatusAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                JpaRepositoriesAutoConfiguration.class));

    @Test
    void statusTrackingWithRepositoryIsOnByDefault() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(ServerStatusTracker.class)
                .hasSingleBean(GrpcServerStatusRepository.class);
            assertThat(context.getBean(GrpcStatusProperties.class).effectiveStaleAfter()).hasSeconds(90);
        });
    }

    @Test
    void trackerBacksOffWhenTheUserDefinesOne() {
        this.runner.withBean("mine", ServerStatusTracker.class,
                () -> new ServerStatusTracker(null, new GrpcStatusProperties(), null, null, FleetJobLock.LOCAL))
            .run(context -> assertThat(context).hasSingleBean(ServerStatusTracker.class).hasBean("mine"));
    }

    @Test
    void switchedOffByProperty() {
        this.runner.withPropertyValues("grpc.status.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ServerStatusTracker.class)
                .doesNotHaveBean(GrpcServerStatusRepository.class));
    }

    @Test
    void absentWithoutSpringDataJpa() {
        this.runner.withClassLoader(new FilteredClassLoader(JpaRepository.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServerStatusTracker.class));
    }

    @Test
    void nonPositiveHeartbeatIntervalFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("grpc.status.heartbeat-interval=0s")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("grpc.status.heartbeat-interval is 0s, but must be a duration longer than zero"));
    }

    /** An application of its own package, as every real one has. */
    @AutoConfigurationPackage(basePackages = "io.github.grpcops.test")
    static class Application {
    }
}
