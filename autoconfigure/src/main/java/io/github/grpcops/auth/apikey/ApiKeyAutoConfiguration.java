package io.github.grpcops.auth.apikey;

import java.time.Clock;

import javax.sql.DataSource;

import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.jdbc.RequiredTable;
import jakarta.persistence.EntityManagerFactory;

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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API keys ({@code grpc.auth.api-key.enabled}, on by default when Spring Data JPA and a data source are
 * present): the {@code grpc_api_key} entity and repository (registered additively, next to the
 * application's own), the manager, the authenticator and background usage counting. The
 * {@code apikeys} section of {@code /actuator/grpc} is in
 * {@link io.github.grpcops.auth.apikey.actuate.ApiKeyEndpointAutoConfiguration}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, GrpcAuthAutoConfiguration.class },
        before = { HibernateJpaAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class })
@ConditionalOnClass({ JpaRepository.class, EntityManagerFactory.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "grpc.auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "grpc.auth.api-key.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcAuthProperties.class)
@AutoConfigurationPackage
public class ApiKeyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ApiKeyManager apiKeyManager(ApiKeyRepository repository, PlatformTransactionManager transactions,
            GrpcAuthProperties properties) {
        return new ApiKeyManager(repository, new TransactionTemplate(transactions), properties.getApiKey(),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    ApiKeyUsageRecorder apiKeyUsageRecorder(ApiKeyRepository repository, PlatformTransactionManager transactions,
            GrpcAuthProperties properties) {
        return new ApiKeyUsageRecorder(repository, new TransactionTemplate(transactions),
                properties.getApiKey().getUsageFlushInterval());
    }

    @Bean
    @ConditionalOnMissingBean(name = "grpcApiKeyTable")
    RequiredTable grpcApiKeyTable() {
        return new RequiredTable("grpc_api_key", "API keys", "apikey", "grpc.auth.api-key.enabled=false");
    }

    @Bean
    @ConditionalOnMissingBean
    ApiKeyAuthenticator apiKeyAuthenticator(ApiKeyManager keys, ApiKeyUsageRecorder usage) {
        return new ApiKeyAuthenticator(keys, usage, Clock.systemUTC());
    }
}
