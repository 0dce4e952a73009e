package io.github.grpcops.netdevh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.grpcops.server.BuiltInService;
import io.github.grpcops.server.ServiceDefinitionTransformer;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Decorates net.devh's service discoverer: adds the {@link BuiltInService} beans it did not find
 * (they carry no {@code @GrpcService}), bound to the global interceptors as net.devh binds the
 * application's services, then passes every service through the {@link ServiceDefinitionTransformer}s
 * in order.
 */
class BuiltInServicesDiscoverer implements GrpcServiceDiscoverer {

    private final GrpcServiceDiscoverer delegate;

    private final ListableBeanFactory beans;

    BuiltInServicesDiscoverer(GrpcServiceDiscoverer delegate, ListableBeanFactory beans) {
        this.delegate = delegate;
        this.beans = beans;
    }

    @Override
    public Collection<GrpcServiceDefinition> findGrpcServices() {
        List<GrpcServiceDefinition> services = new ArrayList<>(this.delegate.findGrpcServices());
        Set<String> found = services.stream().map(GrpcServiceDefinition::getBeanName).collect(Collectors.toSet());
        GlobalServerInterceptorRegistry global = this.beans.getBean(GlobalServerInterceptorRegistry.class);
        this.beans.getBeansOfType(BuiltInService.class).forEach((name, service) -> {
            if (!found.contains(name)) {
                ServerServiceDefinition bound = ServerInterceptors.interceptForward(service.bindService(),
                        global.getServerInterceptors());
                services.add(new GrpcServiceDefinition(name, service.getClass(), bound));
            }
        });
        List<ServiceDefinitionTransformer> transformers = this.beans
            .getBeanProvider(ServiceDefinitionTransformer.class)
            .orderedStream()
            .toList();
        return services.stream()
            .map(service -> new GrpcServiceDefinition(service.getBeanName(), service.getBeanClazz(),
                    transform(service.getDefinition(), transformers)))
            .toList();
    }

    private static ServerServiceDefinition transform(ServerServiceDefinition service,
            List<ServiceDefinitionTransformer> transformers) {
        ServerServiceDefinition result = service;
        for (ServiceDefinitionTransformer transformer : transformers) {
            result = transformer.transform(result);
        }
        return result;
    }
}
