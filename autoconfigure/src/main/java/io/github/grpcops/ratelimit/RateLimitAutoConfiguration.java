package io.github.grpcops.ratelimit;

import java.time.Duration;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.github.grpcops.diagnostics.GrpcOpsConfigurationException;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.RequiredTable;
import io.github.grpcops.jobs.FleetJobLock;
import io.github.grpcops.pipeline.CallRefuser;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limiting with Bucket4j ({@code grpc.rate-limit.enabled=true}; off by default, since a limit
 * only makes sense once chosen). Buckets in memory by default, or in a PostgreSQL table shared by
 * every instance with {@code grpc.rate-limit.store=jdbc}. Replace the store by declaring a
 * {@code ProxyManager<String>} bean named {@value #BUCKETS_BEAN}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class })
@ConditionalOnClass(ProxyManager.class)
@ConditionalOnBooleanProperty(name = "grpc.rate-limit.enabled")
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitAutoConfiguration {

    static final String BUCKETS_BEAN = "grpcRateLimitBuckets";

    private static final String STORE = "grpc.rate-limit.store";

    /** Table of the shared buckets (default name), created by schema-ratelimit-postgresql.sql. */
    static final String TABLE = "grpc_rate_limit_bucket";

    /** How long a bucket is kept after it would be full again; any time after that, it holds no state. */
    static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(5);

    @Bean
    @ConditionalOnMissingBean
    RateLimitServerInterceptor rateLimitServerInterceptor(RateLimitProperties properties,
            ProxyManager<String> grpcRateLimitBuckets, CallRefuser refusals) {
        return new RateLimitServerInterceptor(properties, grpcRateLimitBuckets, refusals);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ Caffeine.class, Bucket4jCaffeine.class })
    @ConditionalOnProperty(name = "grpc.rate-limit.store", havingValue = "memory", matchIfMissing = true)
    static class MemoryStore {

        /**
         * Bounded by max-keys; a bucket also expires once it has refilled, so idle callers cost nothing. The
         * cache's upkeep runs on the calling thread: every call writes its bucket, and Caffeine's default
         * would hand each write's upkeep to the common fork-join pool, a thread wake-up per call.
         */
        @Bean(BUCKETS_BEAN)
        @ConditionalOnMissingBean(name = BUCKETS_BEAN)
        ProxyManager<String> grpcRateLimitBuckets(RateLimitProperties properties) {
            Caffeine<Object, Object> cache = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(properties.getMemory().getMaxKeys());
            return Bucket4jCaffeine.<String>builderFor(cache)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bucket4jPostgreSQL.class)
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnProperty(name = "grpc.rate-limit.store", havingValue = "jdbc")
    @EnableConfigurationProperties(GrpcJdbcProperties.class)
    static class JdbcStore {

        @Bean(BUCKETS_BEAN)
        @ConditionalOnMissingBean(name = BUCKETS_BEAN)
        PostgreSQLSelectForUpdateBasedProxyManager<String> grpcRateLimitBuckets(DataSource dataSource,
                GrpcJdbcProperties jdbc) {
            return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(jdbc.table(TABLE))
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build();
        }

        @Bean
        @ConditionalOnMissingBean(name = "grpcRateLimitBucketTable")
        RequiredTable grpcRateLimitBucketTable() {
            return new RequiredTable(TABLE, "the shared rate-limit store (grpc.rate-limit.store=jdbc)", "ratelimit",
                    "grpc.rate-limit.store=memory");
        }

        @Bean
        @ConditionalOnMissingBean
        JdbcBucketCleaner grpcRateLimitBucketCleaner(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets,
                RateLimitProperties properties, ObjectProvider<FleetJobLock> jobs) {
            return new JdbcBucketCleaner(buckets, properties.getJdbc().getCleanupInterval(),
                    jobs.getIfAvailable(() -> FleetJobLock.LOCAL));
        }
    }

    /** {@code store=jdbc} without Bucket4j's PostgreSQL module: say which artifact to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.github.bucket4j.postgresql.Bucket4jPostgreSQL")
    @ConditionalOnProperty(name = "grpc.rate-limit.store", havingValue = "jdbc")
    static class JdbcStoreWithoutModule {

        @Bean(BUCKETS_BEAN)
        @ConditionalOnMissingBean(name = BUCKETS_BEAN)
        ProxyManager<String> grpcRateLimitBuckets() {
            String version = Bucket.class.getPackage().getImplementationVersion();
            String coordinates = "com.bucket4j:bucket4j_jdk17-postgresql:"
                    + ((version != null) ? version : "<the version of bucket4j_jdk17-core>");
            throw new GrpcOpsConfigurationException(STORE, "grpc.rate-limit.store=jdbc keeps the buckets in "
                    + "PostgreSQL through Bucket4j's PostgreSQL module, which is not on the class path.",
                    "Add the dependency " + coordinates + " (grpc-ops-dependencies manages its version), or set "
                            + "grpc.rate-limit.store=memory to keep the buckets in this instance.");
        }
    }

    /** {@code store=jdbc} without a data source: say what the shared store needs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bucket4jPostgreSQL.class)
    @ConditionalOnMissingBean(DataSource.class)
    @ConditionalOnProperty(name = "grpc.rate-limit.store", havingValue = "jdbc")
    static class JdbcStoreWithoutDataSource {

        @Bean(BUCKETS_BEAN)
        @ConditionalOnMissingBean(name = BUCKETS_BEAN)
        ProxyManager<String> grpcRateLimitBuckets() {
            throw new GrpcOpsConfigurationException(STORE, "grpc.rate-limit.store=jdbc keeps the buckets in a "
                    + "PostgreSQL table, but the application has no DataSource.", "Configure the PostgreSQL "
                            + "database (spring.datasource.url, username, password), or set "
                            + "grpc.rate-limit.store=memory to keep the buckets in this instance.");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class RateLimitMeters {

        @Bean
        MeterBinder grpcRateLimitMeters(RateLimitServerInterceptor interceptor) {
            return registry -> {
                FunctionCounter.builder("grpc.server.ratelimit.rejected", interceptor,
                        RateLimitServerInterceptor::rejectedCount)
                    .description("Calls rejected with RESOURCE_EXHAUSTED because the caller's bucket was empty")
                    .register(registry);
                FunctionCounter.builder("grpc.server.ratelimit.store.failures", interceptor,
                        RateLimitServerInterceptor::storeFailureCount)
                    .description("Calls the rate-limit store could not decide on (let through or rejected by failure-mode)")
                    .register(registry);
            };
        }
    }
}
