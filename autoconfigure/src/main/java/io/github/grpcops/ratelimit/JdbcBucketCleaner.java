package io.github.grpcops.ratelimit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.grpcops.logging.DatabaseFailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Deletes the rows of buckets that have refilled completely: such a bucket carries no state (a fresh
 * one is the same), so the table holds only callers active within their limit's period.
 */
class JdbcBucketCleaner implements InitializingBean, DisposableBean {

    static final int BATCH_SIZE = 1000;

    private static final Logger log = LoggerFactory.getLogger(JdbcBucketCleaner.class);

    private final ExpiredEntriesCleaner buckets;

    private final Duration interval;

    private ScheduledExecutorService scheduler;

    JdbcBucketCleaner(ExpiredEntriesCleaner buckets, Duration interval) {
        this.buckets = buckets;
        this.interval = interval;
    }

    @Override
    public void afterPropertiesSet() {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "grpc-rate-limit-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        long millis = this.interval.toMillis();
        this.scheduler.scheduleWithFixedDelay(this::removeExpired, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Removes expired rows in batches; returns how many. */
    int removeExpired() {
        int total = 0;
        try {
            int removed;
            do {
                removed = this.buckets.removeExpired(BATCH_SIZE);
                total += removed;
            }
            while (removed == BATCH_SIZE);
        }
        catch (RuntimeException ex) {
            // The store being down is reported by the interceptor; the next run retries.
            log.debug("Could not remove expired rate-limit buckets: {}", DatabaseFailureText.describe(ex));
        }
        return total;
    }

    @Override
    public void destroy() {
        this.scheduler.shutdownNow();
    }
}
