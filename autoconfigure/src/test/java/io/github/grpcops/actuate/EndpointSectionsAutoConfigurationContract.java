package io.github.grpcops.actuate;

import java.util.List;
import java.util.stream.Stream;

import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every capability's {@code actuate} auto-configuration does with its sections of
 * {@code /actuator/grpc}: registers them when the capability is on and the endpoint is exposed, and
 * none of them when the capability is switched off, the endpoint is not exposed or Actuator is missing
 * (the capability itself stays).
 */
public abstract class EndpointSectionsAutoConfigurationContract {

    private final Class<?> capability;

    private final String switchedOff;

    private final List<String> sections;

    /**
     * @param capability a bean type of the capability itself, present whether or not Actuator shows it
     * @param switchedOff the property setting ({@code name=value}) that switches the capability off
     * @param sections the names of the sections the capability contributes
     */
    protected EndpointSectionsAutoConfigurationContract(Class<?> capability, String switchedOff, String... sections) {
        this.capability = capability;
        this.switchedOff = switchedOff;
        this.sections = List.of(sections);
    }

    /** A runner with the capability on and {@code management.endpoints.web.exposure.include=grpc}. */
    protected abstract ApplicationContextRunner runner();

    /**
     * A runner with the endpoint exposed, an embedded database, Spring Data JPA and grpc-ops' tables,
     * then {@code autoConfigurations}.
     */
    protected static ApplicationContextRunner withJpa(Class<?>... autoConfigurations) {
        Class<?>[] all = Stream.concat(Stream.of(DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                GrpcJdbcAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                JpaRepositoriesAutoConfiguration.class), Stream.of(autoConfigurations))
            .toArray(Class<?>[]::new);
        return new ApplicationContextRunner()
            .withPropertyValues("spring.datasource.generate-unique-name=true",
                    "management.endpoints.web.exposure.include=grpc")
            .withUserConfiguration(Application.class)
            .withConfiguration(AutoConfigurations.of(all));
    }

    @Test
    void sectionsArePresentWithTheCapabilityAndAnExposedEndpoint() {
        runner().run(context -> assertThat(context.getBeansOfType(GrpcEndpointSection.class).values())
            .extracting(GrpcEndpointSection::name)
            .containsExactlyInAnyOrderElementsOf(this.sections));
    }

    @Test
    void absentWhenTheCapabilityIsSwitchedOff() {
        runner().withPropertyValues(this.switchedOff)
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(this.capability)
                .doesNotHaveBean(GrpcEndpointSection.class));
    }

    @Test
    void absentWhenTheEndpointIsNotExposed() {
        runner().withPropertyValues("management.endpoints.web.exposure.include=health")
            .run(context -> assertThat(context).hasSingleBean(this.capability)
                .doesNotHaveBean(GrpcEndpointSection.class));
    }

    @Test
    void absentWithoutActuator() {
        runner().withClassLoader(new FilteredClassLoader(WebEndpoint.class))
            .run(context -> assertThat(context).hasSingleBean(this.capability)
                .doesNotHaveBean(GrpcEndpointSection.class));
    }

    /** An application of its own package, as every real one has. */
    @AutoConfigurationPackage(basePackages = "io.github.grpcops.test")
    static class Application {
    }
}
