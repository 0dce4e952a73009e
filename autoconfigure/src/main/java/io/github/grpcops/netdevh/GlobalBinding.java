package io.github.grpcops.netdevh;

import java.util.List;

import io.github.grpcops.server.ServiceDefinitionTransformer;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * What net.devh does to the application's services, for services grpc-ops serves itself: binds the
 * global interceptors (grpc-ops' pipeline and the application's, sorted by net.devh), then applies the
 * {@link ServiceDefinitionTransformer}s in order.
 */
final class GlobalBinding {

    private final ListableBeanFactory beans;

    GlobalBinding(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** {@code service} with the global interceptors, then transformed. */
    ServerServiceDefinition bind(ServerServiceDefinition service) {
        GlobalServerInterceptorRegistry global = this.beans.getBean(GlobalServerInterceptorRegistry.class);
        return transform(ServerInterceptors.interceptForward(service, global.getServerInterceptors()));
    }

    /** {@code service} passed through every {@link ServiceDefinitionTransformer}, in order. */
    ServerServiceDefinition transform(ServerServiceDefinition service) {
        List<ServiceDefinitionTransformer> transformers = this.beans
            .getBeanProvider(ServiceDefinitionTransformer.class)
            .orderedStream()
            .toList();
        ServerServiceDefinition result = service;
        for (ServiceDefinitionTransformer transformer : transformers) {
            result = transformer.transform(result);
        }
        return result;
    }
}
