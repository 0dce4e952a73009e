/**
 * The {@code apikeys} section of {@code /actuator/grpc}. API:
 * {@link io.github.grpcops.auth.apikey.actuate.ApiKeyEndpointAutoConfiguration}; the section and its
 * views are internal (their JSON is documented in {@code docs/monitoring.md}).
 */
package io.github.grpcops.auth.apikey.actuate;
