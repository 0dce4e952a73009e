package io.github.grpcops.netdevh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.grpcops.server.BuiltInService;
import io.github.grpcops.server.ServiceDiscovery;
import io.grpc.BindableService;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The services net.devh serves: the {@link GrpcService @GrpcService} beans, and grpc-ops'
 * {@link BuiltInService} beans, which {@link BuiltInServicesDiscoverer} adds.
 */
class NetDevhServiceDiscovery implements ServiceDiscovery {

    private final ListableBeanFactory beans;

    NetDevhServiceDiscovery(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public List<BindableService> services() {
        Map<String, BindableService> services = new LinkedHashMap<>();
        this.beans.getBeansWithAnnotation(GrpcService.class).forEach((name, bean) -> {
            if (bean instanceof BindableService service) {
                services.put(name, service);
            }
        });
        this.beans.getBeansOfType(BuiltInService.class).forEach(services::putIfAbsent);
        return List.copyOf(services.values());
    }
}
