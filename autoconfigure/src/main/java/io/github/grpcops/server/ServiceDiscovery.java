package io.github.grpcops.server;

import java.util.List;

import io.grpc.BindableService;

/**
 * The service beans the gRPC server serves, as the server integration finds them (the application's
 * and grpc-ops' own), so policy can be read from their classes and methods. A bean may be a proxy.
 */
@FunctionalInterface
public interface ServiceDiscovery {

    List<BindableService> services();
}
