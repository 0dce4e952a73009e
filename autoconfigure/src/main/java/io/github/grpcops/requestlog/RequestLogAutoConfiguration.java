package io.github.grpcops.requestlog;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.DatabaseDescription;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.RequiredTable;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;

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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The request log ({@code grpc.request-log.enabled}, on by default when the application has a
 * {@link DataSource}): the outermost interceptor, the batching writer, the in-flight registry,
 * statistics, the retention purge (with a row cap in a database held in memory), Micrometer meters
 * when Micrometer is present, and the {@link GrpcRequestLog} entity and its repository when Spring Data
 * JPA is present.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class },
        before = { HibernateJpaAutoConfiguration.class, JpaRepositoriesAutoConfiguration.class })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "grpc.request-log.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ RequestLogProperties.class, GrpcJdbcProperties.class })
public class RequestLogAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RequestLogInserter requestLogInserter(DataSource dataSource, GrpcJdbcProperties jdbc,
            RequestLogProperties properties) {
        return new RequestLogInserter(dataSource, jdbc.table(RequestLogInserter.TABLE), properties.getWriter());
    }

    @Bean
    @ConditionalOnMissingBean
    RequestLogWriter requestLogWriter(RequestLogInserter inserter, RequestLogProperties properties) {
        return switch (properties.getWriter().getMode()) {
            case ASYNC -> new BatchingRequestLogWriter(inserter, properties.getWriter());
            case SYNCHRONOUS_BENCHMARK_REFERENCE -> new SynchronousRequestLogWriter(inserter);
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "grpcRequestLogTable")
    RequiredTable grpcRequestLogTable() {
        return new RequiredTable(RequestLogInserter.TABLE, "the request log", "requestlog",
                "grpc.request-log.enabled=false");
    }

    @Bean
    @ConditionalOnMissingBean
    InFlightCalls inFlightCalls() {
        return new InFlightCalls();
    }

    @Bean
    @ConditionalOnMissingBean
    RequestLogServerInterceptor requestLogServerInterceptor(RequestLogProperties properties, RequestLogWriter writer,
            InFlightCalls inFlight) {
        return new RequestLogServerInterceptor(properties, writer, inFlight);
    }

    @Bean
    @ConditionalOnMissingBean
    RequestLogStatistics requestLogStatistics(DataSource dataSource, GrpcJdbcProperties jdbc) {
        return new RequestLogStatistics(dataSource, jdbc.table(RequestLogInserter.TABLE));
    }

    @Bean
    @ConditionalOnMissingBean
    RequestLogPurger requestLogPurger(DataSource dataSource, GrpcJdbcProperties jdbc,
            RequestLogProperties properties) {
        long cap = DatabaseDescription.of(dataSource).inMemory() ? properties.getInMemoryMaxRows() : 0;
        return new RequestLogPurger(dataSource, jdbc.table(RequestLogInserter.TABLE), properties, cap);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class RequestLogMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RequestLogMetrics requestLogMetrics(RequestLogWriter writer, InFlightCalls inFlight) {
            return new RequestLogMetrics(writer, inFlight);
        }
    }

    /** Registers the entity and repository package alongside the application's own (never instead). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ EntityManager.class, JpaRepository.class })
    @AutoConfigurationPackage
    static class RequestLogJpaConfiguration {
    }
}
