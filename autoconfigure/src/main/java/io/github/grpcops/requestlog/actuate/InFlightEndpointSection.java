package io.github.grpcops.requestlog.actuate;

import java.util.List;

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
        return new RequestLogViews.InFlightCount(this.calls.size());
    }

    @Override
    public Object read(EndpointParameters parameters) {
        List<RequestLogViews.RunningCall> running = this.calls.snapshot()
            .stream()
            .map(RequestLogViews.RunningCall::of)
            .toList();
        return new RequestLogViews.InFlight(running.size(), running);
    }
}
