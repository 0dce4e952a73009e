package io.github.grpcops.ratelimit;

import java.time.Duration;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.grpcops.jobs.FleetJobLock;
import io.github.grpcops.lifecycle.BackgroundWork;
import io.github.grpcops.lifecycle.LifecyclePhases;
import io.github.grpcops.logging.DatabaseFailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows of buckets that have refilled completely: such a bucket carries no state (a fresh
 * one is the same), so the table holds only callers active within their limit's period. The table is
 * shared, so one instance of the fleet cleans it per interval ({@link FleetJobLock}).
 */
class JdbcBucketCleaner extends BackgroundWork {

    static final int BATCH_SIZE = 1000;

    /** The clean-up's name in the fleet's job table. */
    static final String JOB = "rate-limit-bucket-cleanup";

    private static final Logger log = LoggerFactory.getLogger(JdbcBucketCleaner.class);

    private final ExpiredEntriesCleaner buckets;

    private final Duration interval;

    private final FleetJobLock jobs;

    JdbcBucketCleaner(ExpiredEntriesCleaner buckets, Duration interval, FleetJobLock jobs) {
        super("rate-limit-cleaner", LifecyclePhases.JOBS);
        this.buckets = buckets;
        this.interval = interval;
        this.jobs = jobs;
    }

    @Override
    protected void onStart() {
        repeat(this::removeExpiredIfDue, this.interval, this.interval);
    }

    private void removeExpiredIfDue() {
        try {
            this.jobs.runIfDue(JOB, this.interval, this::removeExpired);
        }
        catch (RuntimeException ex) {
            log.debug("Could not take the rate-limit bucket clean-up: {}", DatabaseFailureText.describe(ex));
        }
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
}
