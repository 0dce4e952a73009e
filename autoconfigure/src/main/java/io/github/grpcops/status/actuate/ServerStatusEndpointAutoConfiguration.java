package io.github.grpcops.status.actuate;

import io.github.grpcops.actuate.GrpcEndpoint;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.status.GrpcServerStatusRepository;
import io.github.grpcops.status.GrpcStatusProperties;
import io.github.grpcops.status.ServerStatusAutoConfiguration;
import io.github.grpcops.status.ServerStatusTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Server status's sections of {@code /actuator/grpc} ({@code instance}, {@code servers}) when Actuator
 * is present, the endpoint is available and status tracking is on.
 */
@AutoConfiguration(after = { ServerStatusAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class })
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnAvailableEndpoint(endpoint = GrpcEndpoint.class)
@ConditionalOnBean(ServerStatusTracker.class)
public class ServerStatusEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "serversEndpointSection")
    @ConditionalOnBean(GrpcServerStatusRepository.class)
    GrpcEndpointSection serversEndpointSection(GrpcServerStatusRepository repository,
            GrpcStatusProperties properties) {
        return new ServersEndpointSection(repository, properties);
    }

    @Bean
    @ConditionalOnMissingBean(name = "instanceEndpointSection")
    GrpcEndpointSection instanceEndpointSection(ServerStatusTracker tracker,
            ObjectProvider<BoundedCallExecutor> workers) {
        return new InstanceEndpointSection(tracker, workers.getIfAvailable());
    }
}
