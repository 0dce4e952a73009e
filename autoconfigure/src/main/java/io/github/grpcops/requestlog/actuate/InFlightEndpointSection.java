package io.github.grpcops.requestlog.actuate;

import java.util.List;
import java.util.Map;

import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.requestlog.InFlightCalls;

/**
 * {@code /actuator/grpc/inflight}: the calls of this instance running now, oldest first, from memory;
 * in the overview, how many.
 */
class InFlightEndpointSection implements GrpcEndpointSection {

    private final InFlightCalls calls;

    InFlightEndpointSection(InFlightCalls calls) {
        this.calls = calls;
    }

    @Override
    public String name() {
        return "inflight";
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        return Map.of("total", this.calls.size());
    }

    @Override
    public Object read(EndpointParameters parameters) {
        List<Map<String, Object>> running = this.calls.snapshot().stream().map(RequestLogViews::inFlight).toList();
        return GrpcEndpointSection.entries("total", running.size(), "calls", running);
    }
}
