/**
 * The {@code instance} and {@code servers} sections of {@code /actuator/grpc}, the {@code grpc} health
 * indicator and info contributor. API:
 * {@link io.github.grpcops.status.actuate.ServerStatusEndpointAutoConfiguration} and
 * {@link io.github.grpcops.status.actuate.ServerStatusContributorAutoConfiguration}; the sections,
 * indicator, contributor and views are internal (their JSON is documented in {@code docs/monitoring.md}).
 */
package io.github.grpcops.status.actuate;
