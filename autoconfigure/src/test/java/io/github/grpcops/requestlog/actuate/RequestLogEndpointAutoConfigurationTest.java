package io.github.grpcops.requestlog.actuate;

import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.clientip.ClientIpAutoConfiguration;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.requestlog.InFlightCalls;
import io.github.grpcops.requestlog.RequestLogAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
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
 * The request log's endpoint sections: present with the request log and an exposed {@code grpc}
 * endpoint, each replaceable by name, absent when the request log is off, the endpoint is not
 * exposed or Actuator is missing; {@code requests} needs Spring Data JPA, the others do not.
 */
class RequestLogEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withPropertyValues("spring.datasource.generate-unique-name=true",
                "management.endpoints.web.exposure.include=grpc")
        .withUserConfiguration(Application.class)
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class,
                ClientIpAutoConfiguration.class, RequestLogAutoConfiguration.class,
                HibernateJpaAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class,
                RequestLogEndpointAutoConfiguration.class));

    @Test
    void everySectionIsRegisteredByDefault() {
        this.runner.run(context -> assertThat(context.getBeansOfType(GrpcEndpointSection.class).values())
            .extracting(GrpcEndpointSection::name)
            .containsExactlyInAnyOrder("requests", "inflight", "services", "timeline"));
    }

    @Test
    void sectionBacksOffWhenTheUserDefinesOneOfThatName() {
        GrpcEndpointSection mine = () -> "inflight";
        this.runner.withBean("inFlightEndpointSection", GrpcEndpointSection.class, () -> mine)
            .run(context -> assertThat(context.getBean("inFlightEndpointSection")).isSameAs(mine));
    }

    @Test
    void absentWhenTheRequestLogIsSwitchedOff() {
        this.runner.withPropertyValues("grpc.request-log.enabled=false")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GrpcEndpointSection.class));
    }

    @Test
    void absentWhenTheEndpointIsNotExposed() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
            .run(context -> assertThat(context).hasSingleBean(InFlightCalls.class)
                .doesNotHaveBean(GrpcEndpointSection.class));
    }

    @Test
    void absentWithoutActuator() {
        this.runner.withClassLoader(new FilteredClassLoader(WebEndpoint.class))
            .run(context -> assertThat(context).hasSingleBean(InFlightCalls.class)
                .doesNotHaveBean(GrpcEndpointSection.class));
    }

    @Test
    void withoutSpringDataJpaOnlyTheRequestsListIsAbsent() {
        this.runner.withClassLoader(new FilteredClassLoader(JpaRepository.class))
            .run(context -> assertThat(context.getBeansOfType(GrpcEndpointSection.class).values())
                .extracting(GrpcEndpointSection::name)
                .containsExactlyInAnyOrder("inflight", "services", "timeline"));
    }

    /** An application of its own package, as every real one has. */
    @AutoConfigurationPackage(basePackages = "io.github.grpcops.test")
    static class Application {
    }
}
