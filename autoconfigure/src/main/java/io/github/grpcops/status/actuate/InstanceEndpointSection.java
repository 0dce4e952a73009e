package io.github.grpcops.status.actuate;

import java.time.Instant;

import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.status.ServerSnapshot;
import io.github.grpcops.status.ServerStatusTracker;

/**
 * {@code /actuator/grpc/instance} and the {@code instance} entry of the overview: this instance
 * (address, port, status, uptime, workers, reflection and health flags, services), from memory.
 */
class InstanceEndpointSection implements GrpcEndpointSection {

    private final ServerStatusTracker tracker;

    private final BoundedCallExecutor workers;

    InstanceEndpointSection(ServerStatusTracker tracker, BoundedCallExecutor workers) {
        this.tracker = tracker;
        this.workers = workers;
    }

    @Override
    public String name() {
        return "instance";
    }

    @Override
    public Object overview(EndpointParameters parameters) {
        return read(parameters);
    }

    @Override
    public Object read(EndpointParameters parameters) {
        ServerSnapshot self = this.tracker.current();
        if (self == null) {
            return null;
        }
        return ServerStatusViews.Instance.of(self, this.tracker.lastHeartbeat(), this.tracker.failing(), this.workers,
                Instant.now());
    }
}
