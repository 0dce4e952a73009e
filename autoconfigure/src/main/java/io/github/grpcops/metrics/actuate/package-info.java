/**
 * The {@code metrics} section of {@code /actuator/grpc}. API:
 * {@link io.github.grpcops.metrics.actuate.GrpcMetricsEndpointAutoConfiguration}; the section is internal.
 */
package io.github.grpcops.metrics.actuate;
