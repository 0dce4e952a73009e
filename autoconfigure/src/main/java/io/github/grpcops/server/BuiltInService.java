package io.github.grpcops.server;

import io.grpc.BindableService;

/**
 * A gRPC service grpc-ops itself serves next to the application's (reflection v1). The server
 * adapter registers every bean of this type with the server, with the same global interceptors as the
 * application's services, without the bean needing the integration's service annotation.
 */
public interface BuiltInService extends BindableService {
}
