package io.github.grpcops.requestlog.actuate;

import io.github.grpcops.actuate.EndpointSectionsAutoConfigurationContract;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.clientip.ClientIpAutoConfiguration;
import io.github.grpcops.requestlog.InFlightCalls;
import io.github.grpcops.requestlog.RequestLogAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.jpa.repository.JpaRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request log's endpoint sections: follow the request log and the endpoint's availability, each
 * replaceable by name; {@code requests} needs Spring Data JPA, the others do not.
 */
class RequestLogEndpointAutoConfigurationTest extends EndpointSectionsAutoConfigurationContract {

    RequestLogEndpointAutoConfigurationTest() {
        super(InFlightCalls.class, "grpc.request-log.enabled=false", "requests", "inflight", "services", "timeline");
    }

    @Override
    protected ApplicationContextRunner runner() {
        return withJpa(ClientIpAutoConfiguration.class, RequestLogAutoConfiguration.class,
                RequestLogEndpointAutoConfiguration.class);
    }

    @Test
    void sectionBacksOffWhenTheUserDefinesOneOfThatName() {
        GrpcEndpointSection mine = () -> "inflight";
        runner().withBean("inFlightEndpointSection", GrpcEndpointSection.class, () -> mine)
            .run(context -> assertThat(context.getBean("inFlightEndpointSection")).isSameAs(mine));
    }

    @Test
    void withoutSpringDataJpaOnlyTheRequestsListIsAbsent() {
        runner().withClassLoader(new FilteredClassLoader(JpaRepository.class))
            .run(context -> assertThat(context.getBeansOfType(GrpcEndpointSection.class).values())
                .extracting(GrpcEndpointSection::name)
                .containsExactlyInAnyOrder("inflight", "services", "timeline"));
    }
}
