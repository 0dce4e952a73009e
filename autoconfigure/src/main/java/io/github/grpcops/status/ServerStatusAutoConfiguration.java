package io.github.grpcops.status;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.jdbc.RequiredTable;
import io.github.grpcops.jobs.FleetJobLock;
import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.server.GrpcExecutorProperties;
import io.grpc.protobuf.services.HealthStatusManager;
import jakarta.persistence.EntityManager;

import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Server status ({@code grpc.status.enabled}, on by default when the application has a
 * {@link DataSource} and Spring Data JPA): this instance's row with heartbeats, the health service
 * turned NOT_SERVING when shutdown begins. The entity and repository are registered next to the
 * application's own. What Actuator shows of it is in {@code io.github.grpcops.status.actuate}.
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
            ObjectProvider<HealthStatusManager> health, ObjectProvider<FleetJobLock> jobs) {
        GrpcExecutorProperties pool = workerProperties.getIfAvailable();
        Integer poolSize = (workers.getIfAvailable() != null && pool != null) ? pool.getMaxWorkers() : null;
        return new ServerStatusTracker(repository, properties, poolSize, health.getIfAvailable(),
                jobs.getIfAvailable(() -> FleetJobLock.LOCAL));
    }

    @Bean
    @ConditionalOnMissingBean(name = "grpcServerStatusTable")
    RequiredTable grpcServerStatusTable() {
        return new RequiredTable("grpc_server_status", "server status", "status", "grpc.status.enabled=false");
    }
}
