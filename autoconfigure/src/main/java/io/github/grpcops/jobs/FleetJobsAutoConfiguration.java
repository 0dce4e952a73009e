package io.github.grpcops.jobs;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.DatabasePlatforms;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.RequiredTable;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link FleetJobLock} the purges and clean-ups run under: the application's ShedLock
 * {@link LockProvider} when it has one, else leases in grpc-ops' own {@code grpc_job_lock} table
 * (with PostgreSQL advisory locks on PostgreSQL).
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(GrpcJdbcProperties.class)
public class FleetJobsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LockProvider.class)
    @ConditionalOnBean(LockProvider.class)
    static class ShedLockJobs {

        @Bean
        @ConditionalOnMissingBean
        FleetJobLock shedLockFleetJobLock(LockProvider locks, GrpcJdbcProperties jdbc) {
            return new ShedLockFleetJobLock(locks, jdbc.getTablePrefix() + "ops");
        }
    }

    /** Declared on the outer class, so it is considered after the nested ShedLock configuration. */
    @Bean
    @ConditionalOnMissingBean
    FleetJobLock fleetJobLock(DataSource dataSource, GrpcJdbcProperties jdbc) {
        return new JdbcFleetJobLock(dataSource, jdbc.table(JdbcFleetJobLock.TABLE), instanceName(),
                DatabasePlatforms.isPostgres(dataSource, jdbc));
    }

    /** The JDBC lock's table, checked at start-up; an application with a ShedLock LockProvider does not need it. */
    @Bean
    @ConditionalOnMissingBean(type = "net.javacrumbs.shedlock.core.LockProvider", name = "grpcJobLockTable")
    RequiredTable grpcJobLockTable() {
        return new RequiredTable(JdbcFleetJobLock.TABLE, "the job lock (each purge on one instance of the fleet)", "jobs",
                "a ShedLock LockProvider bean");
    }

    /** {@code pid@host} and a random suffix: several application contexts in one JVM are separate instances. */
    private static String instanceName() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
