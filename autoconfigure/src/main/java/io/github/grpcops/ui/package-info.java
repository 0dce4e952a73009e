/**
 * The web console at {@code /actuator/grpcui/}: an Actuator endpoint of its own that serves the page and
 * its static files from this package's class path folder (never from {@code static/} or
 * {@code META-INF/resources/}, which a web application serves whether the console is on or not). The
 * page reads {@code /actuator/grpc}.
 *
 * <p>API: {@link io.github.grpcops.ui.GrpcUiAutoConfiguration}, {@link io.github.grpcops.ui.GrpcUiProperties}
 * and {@link io.github.grpcops.ui.GrpcUiEndpoint} (for {@code EndpointRequest.to(GrpcUiEndpoint.class)}).
 * Internal: {@code ConsoleFiles}.
 */
package io.github.grpcops.ui;
