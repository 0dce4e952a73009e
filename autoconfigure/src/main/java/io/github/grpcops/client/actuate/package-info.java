/**
 * {@code POST /actuator/grpc/invoke}: calls this server through grpc-ops-client. API:
 * {@link io.github.grpcops.client.actuate.InvokeEndpointAutoConfiguration} and
 * {@link io.github.grpcops.client.actuate.InvokeEndpointProperties}; the section is internal.
 */
package io.github.grpcops.client.actuate;
