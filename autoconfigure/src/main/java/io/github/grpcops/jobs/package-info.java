/**
 * Jobs that touch shared tables (retention purges, partition upkeep, clean-up of silent instances'
 * status rows and of refilled rate-limit buckets) run on one instance of the fleet per interval.
 *
 * <p>API: {@link io.github.grpcops.jobs.FleetJobLock} (a bean of your own replaces grpc-ops' choice;
 * {@code FleetJobLock.LOCAL} runs every job on every instance) and
 * {@link io.github.grpcops.jobs.FleetJobsAutoConfiguration}. Internal: the lock on grpc-ops' job table
 * (leases guarded by PostgreSQL advisory locks) and the one on the application's ShedLock
 * {@code LockProvider}. See {@code docs/request-log.md}, "Retention and jobs across a fleet".
 */
package io.github.grpcops.jobs;
