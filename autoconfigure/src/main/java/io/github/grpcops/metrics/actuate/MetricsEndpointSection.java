package io.github.grpcops.metrics.actuate;

import java.util.List;
import java.util.Set;

import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.metrics.GrpcMetrics;
import io.github.grpcops.metrics.GrpcMetricsSnapshot;

/**
 * {@code /actuator/grpc/metrics}: the since-start snapshot of {@link GrpcMetrics}; {@code ?service=}
 * narrows it to one service; {@code /actuator/grpc/metrics/<package.Service>} likewise, 404 when the
 * service has no calls. The overview carries the totals.
 */
class MetricsEndpointSection implements GrpcEndpointSection {

    private static final String SERVICE = "service";

    private final GrpcMetrics metrics;

    public MetricsEndpointSection(GrpcMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public Set<String> parameters(Operation operation) {
        return (operation == Operation.READ) ? Set.of(SERVICE) : Set.of();
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        return this.metrics.snapshot().total();
    }

    @Override
    public Object read(EndpointParameters parameters) {
        String service = parameters.string(SERVICE);
        return (service != null) ? forService(service) : this.metrics.snapshot();
    }

    @Override
    public Object readOne(String id, EndpointParameters parameters) {
        GrpcMetricsSnapshot snapshot = forService(id);
        return snapshot.methods().isEmpty() ? null : snapshot;
    }

    private GrpcMetricsSnapshot forService(String service) {
        GrpcMetricsSnapshot all = this.metrics.snapshot();
        List<GrpcMetricsSnapshot.MethodStats> methods = all.methods()
            .stream()
            .filter(m -> service.equals(m.service()))
            .toList();
        return new GrpcMetricsSnapshot(all.since(), all.total(), methods);
    }
}
