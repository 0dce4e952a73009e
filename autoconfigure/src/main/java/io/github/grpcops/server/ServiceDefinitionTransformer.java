package io.github.grpcops.server;

import io.grpc.ServerServiceDefinition;

/**
 * Replaces a service definition on its way to the server, once its global interceptors are bound (the
 * request guard wraps the request marshallers this way). The server adapter applies every bean of this
 * type, in {@code @Order}, to every service, the application's and grpc-ops' own.
 */
@FunctionalInterface
public interface ServiceDefinitionTransformer {

    ServerServiceDefinition transform(ServerServiceDefinition service);
}
