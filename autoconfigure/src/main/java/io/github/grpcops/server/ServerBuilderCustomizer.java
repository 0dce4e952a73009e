package io.github.grpcops.server;

import io.grpc.ServerBuilder;

/**
 * Adjusts the builder of the gRPC server before it is built. The server adapter applies every bean of
 * this type, in {@code @Order}, after the integration's own settings, so a customizer may override
 * them (the request guard raises the transport's inbound limit this way).
 */
@FunctionalInterface
public interface ServerBuilderCustomizer {

    void customize(ServerBuilder<?> builder);
}
