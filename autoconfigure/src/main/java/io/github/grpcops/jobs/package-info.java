/**
 * Jobs that touch shared tables (retention purges, partition upkeep, clean-up of silent instances'
 * status rows) run on one instance of the fleet per interval: {@link io.github.grpcops.jobs.FleetJobLock},
 * backed by grpc-ops' job table (with PostgreSQL advisory locks) or the application's ShedLock
 * {@code LockProvider}. See {@code docs/request-log.md}, "Retention and jobs across a fleet".
 */
package io.github.grpcops.jobs;
