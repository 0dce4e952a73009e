package io.github.grpcops.status;

import javax.sql.DataSource;

import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.server.GrpcExecutorProperties;
import io.grpc.protobuf.services.HealthStatusManager;
import jakarta.persistence.EntityManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Server status ({@code grpc.status.enabled}, on by default when the application has a
 * {@link DataSource} and Spring Data JPA): this instance's row with heartbeats, the health service
 * turned NOT_SERVING when shutdown begins, and, with Actuator, the {@code servers} and
 * {@code instance} sections of {@code /actuator/grpc}, the {@code grpc} health indicator and info
 * contributor. The entity and repository are registered next to the application's own.
 */
@AutoConfiguration(
        after = { DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class },
        before = { HibernateJpaAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class })
@ConditionalOnClass({ EntityManager.class, JpaRepository.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "grpc.status.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcStatusProperties.class)
@AutoConfigurationPackage
public class ServerStatusAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServerStatusTracker serverStatusTracker(GrpcServerStatusRepository repository, GrpcStatusProperties properties,
            ObjectProvider<BoundedCallExecutor> workers, ObjectProvider<GrpcExecutorProperties> workerProperties,
            ObjectProvider<HealthStatusManager> health) {
        GrpcExecutorProperties pool = workerProperties.getIfAvailable();
        Integer poolSize = (workers.getIfAvailable() != null && pool != null) ? pool.getMaxWorkers() : null;
        return new ServerStatusTracker(repository, properties, poolSize, health.getIfAvailable());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebEndpoint.class)
    static class ServerStatusEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "serversEndpointSection")
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
}
