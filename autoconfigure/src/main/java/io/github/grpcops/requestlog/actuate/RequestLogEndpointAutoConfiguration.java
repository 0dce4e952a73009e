package io.github.grpcops.requestlog.actuate;

import io.github.grpcops.actuate.GrpcEndpoint;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.requestlog.GrpcRequestLogRepository;
import io.github.grpcops.requestlog.InFlightCalls;
import io.github.grpcops.requestlog.RequestLogAutoConfiguration;
import io.github.grpcops.requestlog.RequestLogStatistics;
import io.github.grpcops.requestlog.RequestLogWriter;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The request log's sections of {@code /actuator/grpc} ({@code requests}, {@code inflight},
 * {@code services}, {@code timeline}) when Actuator is present, the endpoint is available and the
 * request log is on. {@code requests} also needs the Spring Data repository (JPA).
 */
@AutoConfiguration(after = { RequestLogAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class })
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnAvailableEndpoint(endpoint = GrpcEndpoint.class)
@ConditionalOnBean({ RequestLogStatistics.class, RequestLogWriter.class, InFlightCalls.class })
public class RequestLogEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "requestsEndpointSection")
    @ConditionalOnBean(GrpcRequestLogRepository.class)
    GrpcEndpointSection requestsEndpointSection(GrpcRequestLogRepository repository, RequestLogStatistics statistics,
            RequestLogWriter writer) {
        return new RequestsEndpointSection(repository, statistics, writer);
    }

    @Bean
    @ConditionalOnMissingBean(name = "inFlightEndpointSection")
    GrpcEndpointSection inFlightEndpointSection(InFlightCalls calls) {
        return new InFlightEndpointSection(calls);
    }

    @Bean
    @ConditionalOnMissingBean(name = "servicesEndpointSection")
    GrpcEndpointSection servicesEndpointSection(RequestLogStatistics statistics) {
        return new ServicesEndpointSection(statistics);
    }

    @Bean
    @ConditionalOnMissingBean(name = "timelineEndpointSection")
    GrpcEndpointSection timelineEndpointSection(RequestLogStatistics statistics) {
        return new TimelineEndpointSection(statistics);
    }
}
