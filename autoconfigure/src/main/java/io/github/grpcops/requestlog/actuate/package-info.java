/**
 * The {@code requests}, {@code inflight}, {@code services} and {@code timeline} sections of
 * {@code /actuator/grpc}. API: {@link io.github.grpcops.requestlog.actuate.RequestLogEndpointAutoConfiguration};
 * the sections, their queries and views are internal (their JSON is documented in
 * {@code docs/monitoring.md}).
 */
package io.github.grpcops.requestlog.actuate;
