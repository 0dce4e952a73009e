package io.github.grpcops.jobs;

import java.time.Duration;

/**
 * Runs the jobs that touch shared tables (retention purges, partition upkeep, clean-up of stale
 * server rows) on one instance per interval, however many instances share the database. Every
 * instance ticks at the job's interval and asks; the first to ask after the interval has passed
 * runs the job, the others skip it without waiting.
 */
@FunctionalInterface
public interface FleetJobLock {

    /** Runs every job on this instance: for an application that is never more than one instance. */
    FleetJobLock LOCAL = (name, interval, maxRunTime, job) -> {
        job.run();
        return true;
    };

    /**
     * Runs {@code job} here unless another instance started it less than {@code interval} ago or is
     * running it now; never waits for another instance.
     *
     * @param name the job, the same on every instance
     * @param interval least time between two starts of the job, fleet-wide
     * @param maxRunTime after this long a run is taken for dead (its instance killed) and the job free again
     * @return whether the job ran here
     */
    boolean runIfDue(String name, Duration interval, Duration maxRunTime, Runnable job);

    /** {@link #runIfDue(String, Duration, Duration, Runnable)} with grpc-ops' rule: a run is dead after four intervals. */
    default boolean runIfDue(String name, Duration interval, Runnable job) {
        return runIfDue(name, interval, interval.multipliedBy(4), job);
    }
}
