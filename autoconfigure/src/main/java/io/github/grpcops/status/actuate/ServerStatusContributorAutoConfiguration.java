package io.github.grpcops.status.actuate;

import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.status.ServerStatusAutoConfiguration;
import io.github.grpcops.status.ServerStatusTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code grpc} health indicator ({@code management.health.grpc.enabled}) and info contributor
 * ({@code management.info.grpc.enabled}) when Actuator is present and status tracking is on; unlike
 * the endpoint sections they do not need {@code /actuator/grpc} to be exposed.
 */
@AutoConfiguration(after = ServerStatusAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, InfoContributor.class })
@ConditionalOnBean(ServerStatusTracker.class)
public class ServerStatusContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "grpcHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("grpc")
    HealthIndicator grpcHealthIndicator(ServerStatusTracker tracker, ObjectProvider<RequestLogWriter> requestLog) {
        RequestLogWriter writer = requestLog.getIfAvailable();
        return new GrpcServerHealthIndicator(tracker, (writer != null) ? () -> writer.counts().dropped() : null);
    }

    @Bean
    @ConditionalOnMissingBean(name = "grpcOpsInfoContributor")
    @ConditionalOnEnabledInfoContributor("grpc")
    InfoContributor grpcOpsInfoContributor(ServerStatusTracker tracker) {
        return new GrpcServerInfoContributor(tracker);
    }
}
