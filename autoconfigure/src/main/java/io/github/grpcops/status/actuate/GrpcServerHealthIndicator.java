package io.github.grpcops.status.actuate;

import java.time.Instant;
import java.util.function.LongSupplier;

import io.github.grpcops.status.ServerSnapshot;
import io.github.grpcops.status.ServerState;
import io.github.grpcops.status.ServerStatusTracker;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code grpc} health contributor: UP while the server runs, its heartbeat is fresh and the
 * request log has not dropped rows lately; DOWN when the heartbeat is older than
 * {@code grpc.status.stale-after} (its row cannot be written), when the request log dropped rows
 * within that same period, or when the server failed to start; OUT_OF_SERVICE while it starts or
 * once shutdown has begun.
 */
class GrpcServerHealthIndicator extends AbstractHealthIndicator {

    private final ServerStatusTracker tracker;

    private final LongSupplier droppedRows;

    private long lastDropped;

    private Instant lastDropSeen;

    /**
     * @param droppedRows rows the request log has dropped so far; {@code null} without a request log
     */
    GrpcServerHealthIndicator(ServerStatusTracker tracker, LongSupplier droppedRows) {
        super("gRPC server health check failed");
        this.tracker = tracker;
        this.droppedRows = droppedRows;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ServerSnapshot self = this.tracker.current();
        if (self == null) {
            builder.outOfService().withDetail("status", "not started");
            return;
        }
        Instant now = Instant.now();
        Instant freshSince = now.minus(this.tracker.properties().effectiveStaleAfter());
        Instant lastHeartbeat = this.tracker.lastHeartbeat();
        Instant reference = (lastHeartbeat != null) ? lastHeartbeat : self.startedAt();
        boolean fresh = !reference.isBefore(freshSince);
        boolean dropping = dropping(now, freshSince, builder);
        builder.status(status(self.state(), fresh && !dropping))
            .withDetail("instanceId", self.instanceId())
            .withDetail("status", self.state().value())
            .withDetail("port", self.port())
            .withDetail("lastHeartbeat", (lastHeartbeat != null) ? lastHeartbeat.toString() : "none")
            .withDetail("heartbeatFresh", fresh);
        if (self.errorMessage() != null) {
            builder.withDetail("error", self.errorMessage());
        }
    }

    /** Whether the request log's dropped count grew since {@code since}, as far as these checks saw. */
    private synchronized boolean dropping(Instant now, Instant since, Health.Builder builder) {
        if (this.droppedRows == null) {
            return false;
        }
        long dropped = this.droppedRows.getAsLong();
        if (dropped > this.lastDropped) {
            this.lastDropSeen = now;
        }
        this.lastDropped = dropped;
        boolean dropping = this.lastDropSeen != null && this.lastDropSeen.isAfter(since);
        builder.withDetail("requestLogDropped", dropped).withDetail("requestLogDropping", dropping);
        return dropping;
    }

    private static Status status(ServerState state, boolean healthy) {
        return switch (state) {
            case RUNNING -> healthy ? Status.UP : Status.DOWN;
            case ERROR -> Status.DOWN;
            case STARTING, STOPPING, STOPPED -> Status.OUT_OF_SERVICE;
        };
    }
}
