package io.github.grpcops.server;

import java.util.Collection;

import net.devh.boot.grpc.server.service.GrpcServiceDefinition;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

/**
 * Decorates net.devh's service discoverer so every service it finds (with its interceptors already
 * bound) is served through {@link RequestMessageGuard}.
 */
class GuardedServiceDiscoverer implements GrpcServiceDiscoverer {

    private final GrpcServiceDiscoverer delegate;

    private final RequestMessageGuard guard;

    GuardedServiceDiscoverer(GrpcServiceDiscoverer delegate, RequestMessageGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public Collection<GrpcServiceDefinition> findGrpcServices() {
        return this.delegate.findGrpcServices()
            .stream()
            .map(service -> new GrpcServiceDefinition(service.getBeanName(), service.getBeanClazz(),
                    this.guard.guard(service.getDefinition())))
            .toList();
    }
}
