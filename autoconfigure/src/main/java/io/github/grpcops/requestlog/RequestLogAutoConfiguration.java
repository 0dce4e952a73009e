package io.github.grpcops.requestlog;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.DatabaseDescription;
import io.github.grpcops.jdbc.DatabasePlatforms;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcSchemaVariant;
import io.github.grpcops.jdbc.RequiredTable;
import io.github.grpcops.jobs.FleetJobLock;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import jakarta.persistence.EntityManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The request log ({@code grpc.request-log.enabled}, on by default when the application has a
 * {@link DataSource}): the outermost interceptor, the batching writer, the rollups and the statistics
 * read from them, the in-flight registry, the retention purge (with a row cap in a database held in memory), Micrometer meters when Micrometer is present, and the
 * {@link GrpcRequestLog} entity and its repository when Spring Data JPA is present.
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
    RequestStatsTable requestStatsTable(DataSource dataSource, GrpcJdbcProperties jdbc) {
        return new RequestStatsTable(dataSource, jdbc.table(RequestStatsTable.TABLE));
    }

    @Bean
    @ConditionalOnMissingBean
    RequestStatsRecorder requestStatsRecorder(RequestStatsTable table, RequestLogProperties properties) {
        return new RequestStatsRecorder(table, properties.getRollups().getFlushInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    RequestLogWriter requestLogWriter(RequestLogInserter inserter, RequestLogProperties properties,
            RequestStatsRecorder stats) {
        return switch (properties.getWriter().getMode()) {
            case ASYNC -> new BatchingRequestLogWriter(inserter, properties.getWriter(), stats);
            case SYNCHRONOUS_BENCHMARK_REFERENCE -> new SynchronousRequestLogWriter(inserter, stats);
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "grpcRequestLogTable")
    RequiredTable grpcRequestLogTable() {
        return new RequiredTable(RequestLogInserter.TABLE, "the request log", "requestlog",
                "grpc.request-log.enabled=false");
    }

    @Bean
    @ConditionalOnMissingBean(name = "grpcRequestStatsTable")
    RequiredTable grpcRequestStatsTable() {
        return new RequiredTable(RequestStatsTable.TABLE, "the request log (its rollups)", "requeststats",
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
            InFlightCalls inFlight, RequestStatsRecorder stats) {
        return new RequestLogServerInterceptor(properties, writer, inFlight, stats);
    }

    @Bean
    @ConditionalOnMissingBean
    RequestLogStatistics requestLogStatistics(RequestStatsTable rollups, RequestLogProperties properties) {
        return new RequestLogStatistics(rollups, properties.getRollups().getMinuteRetention());
    }

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    RequestLogRetention requestLogRetention(DataSource dataSource, GrpcJdbcProperties jdbc,
            RequestLogProperties properties) {
        String table = jdbc.table(RequestLogInserter.TABLE);
        if (properties.getPartitioning() == RequestLogProperties.Partitioning.NONE) {
            return new BatchDeleteRetention(dataSource, table, properties.getPurge().getBatchSize(),
                    DatabasePlatforms.isH2(dataSource, jdbc));
        }
        if (!DatabasePlatforms.isPostgres(dataSource, jdbc)) {
            throw new IllegalStateException("grpc.request-log.partitioning=daily needs PostgreSQL; "
                    + "this data source is not (use partitioning=none)");
        }
        DailyPartitions partitions = new DailyPartitions(dataSource, table, properties.getPurge().getPartitionsAhead());
        partitions.start();
        return partitions;
    }

    @Bean
    @ConditionalOnMissingBean
    RequestLogPurger requestLogPurger(DataSource dataSource, RequestLogRetention retention,
            RequestStatsTable rollups, RequestLogProperties properties, ObjectProvider<FleetJobLock> lock) {
        return new RequestLogPurger(retention, rollups, properties, lock.getIfAvailable(() -> FleetJobLock.LOCAL),
                inMemoryCap(dataSource, properties));
    }

    /** The rows an in-memory database keeps; 0 (no cap) for one on disk or when the cap is off. */
    private static long inMemoryCap(DataSource dataSource, RequestLogProperties properties) {
        long cap = properties.getInMemoryMaxRows();
        return (cap > 0 && DatabaseDescription.of(dataSource).inMemory()) ? cap : 0;
    }

    /** The partitioned table's script instead of the plain one's. */
    @Bean
    @ConditionalOnProperty(name = "grpc.request-log.partitioning", havingValue = "daily")
    GrpcSchemaVariant partitionedRequestLogSchema() {
        return new GrpcSchemaVariant("requestlog", "partitioned", "grpc.request-log.partitioning=daily");
    }

    /**
     * A capped database held in memory gets the request log with one index
     * ({@code in-memory/schema-requestlog-h2.sql}): each index costs every insert, and the cap keeps the
     * table small enough to scan. None (a {@code null} bean, which variant lists skip) for a database on
     * disk, which may hold days of calls, for an uncapped one, and with daily partitions.
     */
    @Bean
    GrpcSchemaVariant inMemoryRequestLogSchema(DataSource dataSource, RequestLogProperties properties) {
        boolean capped = properties.getPartitioning() == RequestLogProperties.Partitioning.NONE
                && inMemoryCap(dataSource, properties) > 0;
        return capped ? new GrpcSchemaVariant("requestlog", "in-memory", "grpc.request-log.in-memory-max-rows") : null;
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
