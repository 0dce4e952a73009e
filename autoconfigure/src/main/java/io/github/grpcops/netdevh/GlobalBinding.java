package io.github.grpcops.netdevh;

import java.util.List;

import io.github.grpcops.server.ServiceDefinitionTransformer;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * What net.devh does to the application's services, for services grpc-ops serves itself: binds the
 * global interceptors (grpc-ops' pipeline and the application's, sorted by net.devh), then applies the
 * {@link ServiceDefinitionTransformer}s in order. Both are looked up on first use (the server is being
 * built by then) and kept: the unknown-method fallback binds once per call.
 */
final class GlobalBinding {

    private final ListableBeanFactory beans;

    private volatile List<ServerInterceptor> interceptors;

    private volatile List<ServiceDefinitionTransformer> transformers;

    GlobalBinding(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** {@code service} with the global interceptors, then transformed. */
    ServerServiceDefinition bind(ServerServiceDefinition service) {
        if (this.interceptors == null) {
            this.interceptors = List.copyOf(this.beans.getBean(GlobalServerInterceptorRegistry.class)
                .getServerInterceptors());
        }
        return transform(ServerInterceptors.interceptForward(service, this.interceptors));
    }

    /** {@code service} passed through every {@link ServiceDefinitionTransformer}, in order. */
    ServerServiceDefinition transform(ServerServiceDefinition service) {
        if (this.transformers == null) {
            this.transformers = this.beans.getBeanProvider(ServiceDefinitionTransformer.class).orderedStream().toList();
        }
        ServerServiceDefinition result = service;
        for (ServiceDefinitionTransformer transformer : this.transformers) {
            result = transformer.transform(result);
        }
        return result;
    }
}
