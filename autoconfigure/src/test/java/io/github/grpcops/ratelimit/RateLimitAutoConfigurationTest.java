package io.github.grpcops.ratelimit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.PipelineAutoConfiguration;
import io.github.grpcops.pipeline.PipelineOrder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PipelineAutoConfiguration.class, RateLimitAutoConfiguration.class));

    @Test
    void offUnlessEnabled() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(RateLimitServerInterceptor.class));
    }

    @Test
    void enabledRegistersTheInterceptorAfterAuthWithAnInMemoryStore() {
        this.runner.withPropertyValues("grpc.rate-limit.enabled=true", "grpc.rate-limit.default-limit.capacity=10")
            .run(context -> {
                assertThat(context.getBean(RateLimitServerInterceptor.class).getOrder()).isEqualTo(PipelineOrder.RATE_LIMIT)
                    .isGreaterThan(PipelineOrder.AUTH);
                assertThat(context.getBean(RateLimitAutoConfiguration.BUCKETS_BEAN)).isInstanceOf(CaffeineProxyManager.class);
                assertThat(context).doesNotHaveBean(JdbcBucketCleaner.class);
            });
    }

    @Test
    void backsOffWhenTheUserDefinesTheStore() {
        ProxyManager<String> own = io.github.bucket4j.caffeine.Bucket4jCaffeine
            .<String>builderFor(com.github.benmanes.caffeine.cache.Caffeine.newBuilder())
            .build();
        this.runner.withPropertyValues("grpc.rate-limit.enabled=true")
            .withBean(RateLimitAutoConfiguration.BUCKETS_BEAN, ProxyManager.class, () -> own)
            .run(context -> assertThat(context.getBean(RateLimitAutoConfiguration.BUCKETS_BEAN)).isSameAs(own));
    }

    @Test
    void backsOffWhenTheUserDefinesTheInterceptor() {
        this.runner.withPropertyValues("grpc.rate-limit.enabled=true")
            .withBean("own", RateLimitServerInterceptor.class,
                    () -> new RateLimitServerInterceptor(new RateLimitProperties(), null, new CallRefuser("own")))
            .run(context -> assertThat(context).getBean(RateLimitServerInterceptor.class)
                .isSameAs(context.getBean("own")));
    }

    @Test
    void switchedOffWithoutBucket4jOnTheClassPath() {
        this.runner.withPropertyValues("grpc.rate-limit.enabled=true")
            .withClassLoader(new FilteredClassLoader("io.github.bucket4j"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimitServerInterceptor.class));
    }

    @Test
    void aLimitWithoutCapacityFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("grpc.rate-limit.enabled=true", "grpc.rate-limit.limits[0].method=a.B/*")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("grpc.rate-limit.limits[0].capacity is 0, but a limit needs at least one call"));
    }

    @Test
    void aMillionDistinctCallersKeepTheInMemoryStoreBounded() {
        this.runner.withPropertyValues("grpc.rate-limit.enabled=true", "grpc.rate-limit.memory.max-keys=50000")
            .run(context -> {
                CaffeineProxyManager<String> buckets = inMemoryBuckets(context);
                BucketConfiguration limit = hourlyLimit(100);
                long before = usedHeapAfterGc();
                for (int i = 0; i < 1_000_000; i++) {
                    String key = "default|ip:10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
                    assertThat(buckets.builder().build(key, () -> limit).tryConsume(1)).isTrue();
                }
                buckets.getCache().cleanUp();
                long grown = usedHeapAfterGc() - before;

                assertThat(buckets.getCache().estimatedSize()).isLessThanOrEqualTo(50_000);
                // 50,000 buckets of a few hundred bytes each; a million unbounded would be hundreds of MB.
                assertThat(grown).isLessThan(64L * 1024 * 1024);
                System.out.printf("1M distinct keys, max-keys=50000: heap grew %.1f MB%n", grown / 1048576.0);
            });
    }

    @Test
    void theInMemoryStoreIsWithinMaxKeysAfterEveryCallNotOnlyAfterItsUpkeep() {
        this.runner.withPropertyValues("grpc.rate-limit.enabled=true", "grpc.rate-limit.memory.max-keys=100")
            .run(context -> {
                CaffeineProxyManager<String> buckets = inMemoryBuckets(context);
                BucketConfiguration limit = hourlyLimit(10);
                long largest = 0;
                for (int i = 0; i < 20_000; i++) {
                    String key = "default|ip:10.0." + (i >> 8) + "." + (i & 0xff);
                    buckets.builder().build(key, () -> limit).tryConsume(1);
                    largest = Math.max(largest, buckets.getCache().estimatedSize());
                }
                // Upkeep handed to another thread lets the store run past its bound between that thread's turns.
                assertThat(largest).isLessThanOrEqualTo(100);
            });
    }

    @SuppressWarnings("unchecked")
    private static CaffeineProxyManager<String> inMemoryBuckets(ApplicationContext context) {
        return (CaffeineProxyManager<String>) context.getBean(RateLimitAutoConfiguration.BUCKETS_BEAN);
    }

    private static BucketConfiguration hourlyLimit(long calls) {
        return BucketConfiguration.builder()
            .addLimit(b -> b.capacity(calls).refillGreedy(calls, Duration.ofHours(1)))
            .build();
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
