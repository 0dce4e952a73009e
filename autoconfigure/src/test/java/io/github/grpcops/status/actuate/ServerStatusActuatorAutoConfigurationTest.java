package io.github.grpcops.status.actuate;

import io.github.grpcops.actuate.EndpointSectionsAutoConfigurationContract;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.status.ServerStatusAutoConfiguration;
import io.github.grpcops.status.ServerStatusTracker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Actuator shows of server status: the {@code servers} and {@code instance} sections follow the
 * endpoint's availability; the health indicator and info contributor do not, each is switched off by
 * Boot's own property; all are replaceable by name and absent without status tracking.
 */
class ServerStatusActuatorAutoConfigurationTest extends EndpointSectionsAutoConfigurationContract {

    ServerStatusActuatorAutoConfigurationTest() {
        super(ServerStatusTracker.class, "grpc.status.enabled=false", "servers", "instance");
    }

    @Override
    protected ApplicationContextRunner runner() {
        return withJpa(ServerStatusAutoConfiguration.class, ServerStatusEndpointAutoConfiguration.class,
                ServerStatusContributorAutoConfiguration.class);
    }

    @Test
    void sectionBacksOffWhenTheUserDefinesOneOfThatName() {
        GrpcEndpointSection mine = () -> "servers";
        runner().withBean("serversEndpointSection", GrpcEndpointSection.class, () -> mine)
            .run(context -> assertThat(context.getBean("serversEndpointSection")).isSameAs(mine));
    }

    @Test
    void healthIndicatorBacksOffWhenTheUserDefinesOneOfThatName() {
        HealthIndicator mine = () -> Health.up().build();
        runner().withBean("grpcHealthIndicator", HealthIndicator.class, () -> mine)
            .run(context -> assertThat(context.getBean("grpcHealthIndicator")).isSameAs(mine));
    }

    @Test
    void healthAndInfoNeedNoExposedEndpoint() {
        runner().withPropertyValues("management.endpoints.web.exposure.include=health")
            .run(context -> assertThat(context).hasBean("grpcHealthIndicator").hasBean("grpcOpsInfoContributor"));
    }

    @Test
    void healthAndInfoAreSwitchedOffByTheirManagementProperties() {
        runner().withPropertyValues("management.health.grpc.enabled=false", "management.info.grpc.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean("grpcHealthIndicator")
                .doesNotHaveBean("grpcOpsInfoContributor")
                .hasBean("serversEndpointSection"));
    }

    @Test
    void healthAndInfoAreAbsentWithoutStatusTrackingOrActuator() {
        runner().withPropertyValues("grpc.status.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean("grpcHealthIndicator")
                .doesNotHaveBean("grpcOpsInfoContributor"));
        runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run(context -> assertThat(context).hasSingleBean(ServerStatusTracker.class)
                .doesNotHaveBean("grpcHealthIndicator")
                .doesNotHaveBean("grpcOpsInfoContributor"));
    }
}
