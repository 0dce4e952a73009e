package io.github.grpcops.netdevh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.grpcops.server.BuiltInService;
import io.github.grpcops.server.ServiceDefinitionTransformer;
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
        GlobalBinding binding = new GlobalBinding(this.beans);
        List<GrpcServiceDefinition> all = new ArrayList<>();
        services.forEach(service -> all.add(new GrpcServiceDefinition(service.getBeanName(), service.getBeanClazz(),
                binding.transform(service.getDefinition()))));
        this.beans.getBeansOfType(BuiltInService.class).forEach((name, service) -> {
            if (!found.contains(name)) {
                all.add(new GrpcServiceDefinition(name, service.getClass(), binding.bind(service.bindService())));
            }
        });
        return all;
    }
}
