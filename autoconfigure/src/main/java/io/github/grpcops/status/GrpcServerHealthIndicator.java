package io.github.grpcops.status;

import java.time.Instant;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code grpc} health contributor: UP while the server runs and its heartbeat is fresh; DOWN when
 * the heartbeat is older than {@code grpc.status.stale-after} (its row cannot be written) or the
 * server failed to start; OUT_OF_SERVICE while it starts or once shutdown has begun.
 */
class GrpcServerHealthIndicator extends AbstractHealthIndicator {

    private final ServerStatusTracker tracker;

    GrpcServerHealthIndicator(ServerStatusTracker tracker) {
        super("gRPC server health check failed");
        this.tracker = tracker;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ServerSnapshot self = this.tracker.current();
        if (self == null) {
            builder.outOfService().withDetail("status", "not started");
            return;
        }
        Instant lastHeartbeat = this.tracker.lastHeartbeat();
        Instant freshSince = Instant.now().minus(this.tracker.properties().effectiveStaleAfter());
        Instant reference = (lastHeartbeat != null) ? lastHeartbeat : self.startedAt();
        boolean fresh = !reference.isBefore(freshSince);
        builder.status(status(self.state(), fresh))
            .withDetail("instanceId", self.instanceId())
            .withDetail("status", self.state().value())
            .withDetail("port", self.port())
            .withDetail("lastHeartbeat", (lastHeartbeat != null) ? lastHeartbeat.toString() : "none")
            .withDetail("heartbeatFresh", fresh);
        if (self.errorMessage() != null) {
            builder.withDetail("error", self.errorMessage());
        }
    }

    private static Status status(ServerState state, boolean fresh) {
        return switch (state) {
            case RUNNING -> fresh ? Status.UP : Status.DOWN;
            case ERROR -> Status.DOWN;
            case STARTING, STOPPING, STOPPED -> Status.OUT_OF_SERVICE;
        };
    }
}
