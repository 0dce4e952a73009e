/**
 * {@code POST /actuator/grpc/invoke} and {@code GET /actuator/grpc/schema}: call and describe this
 * server through grpc-ops-client. API:
 * {@link io.github.grpcops.client.actuate.InvokeEndpointAutoConfiguration} and
 * {@link io.github.grpcops.client.actuate.InvokeEndpointProperties}; the sections and the client to
 * the own server are internal.
 */
package io.github.grpcops.client.actuate;
