/**
 * The {@code /actuator/grpc} endpoint's core; each capability contributes its sections from its own
 * {@code <capability>.actuate} package.
 *
 * <p>API: {@link io.github.grpcops.actuate.GrpcEndpoint} (for {@code @ConditionalOnAvailableEndpoint}),
 * {@link io.github.grpcops.actuate.GrpcEndpointSection} (a bean of your own adds a section),
 * {@link io.github.grpcops.actuate.EndpointParameters}, {@link io.github.grpcops.actuate.EndpointView}
 * (the records sections answer with), {@link io.github.grpcops.actuate.DatabaseReads} and
 * {@link io.github.grpcops.actuate.GrpcEndpointAutoConfiguration}. Internal:
 * {@code EndpointViewSerializer}, public only because Jackson instantiates it from
 * {@code @EndpointView}.
 */
package io.github.grpcops.actuate;
