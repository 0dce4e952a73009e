package io.github.grpcops.status;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.grpcops.diagnostics.PropertyChecks;
import io.github.grpcops.jobs.FleetJobLock;
import io.github.grpcops.lifecycle.BackgroundWork;
import io.github.grpcops.lifecycle.LifecyclePhases;
import io.github.grpcops.logging.DatabaseFailureText;
import io.github.grpcops.server.ServerLifecycleEvent;
import io.grpc.protobuf.services.HealthStatusManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps this instance's row in {@code grpc_server_status}: {@code starting} before the server binds,
 * {@code running} with the real port and services once it has, {@code stopping} when shutdown
 * begins, {@code error} when it fails to start, and a heartbeat in between; {@code stopped} once the
 * server has terminated and the request log has written the last calls' rows (phase
 * {@link LifecyclePhases#SERVER_STATUS}). Every database write runs on one thread of its own,
 * {@code grpc-ops-status-1}, and a failed write is logged and retried with the next heartbeat, so the
 * database never touches a call; only shutdown waits (at most {@code grpc.status.shutdown-timeout})
 * for the final row.
 */
public class ServerStatusTracker extends BackgroundWork {

    private static final Logger logger = LoggerFactory.getLogger(ServerStatusTracker.class);

    /** The purge's name in the fleet's job table. */
    static final String PURGE_JOB = "server-status-purge";

    private final GrpcServerStatusRepository repository;

    private final GrpcStatusProperties properties;

    private final Integer workerPoolSize;

    private final HealthStatusManager health;

    private final FleetJobLock jobs;

    private final String host = InstanceHost.name();

    private final long pid = ProcessHandle.current().pid();

    private volatile ServerSnapshot current;

    private volatile Instant lastHeartbeat;

    private volatile boolean failing;

    private ScheduledFuture<?> heartbeats;

    private ScheduledFuture<?> purges;

    /**
     * @param workerPoolSize the bounded worker pool's size, {@code null} when there is none
     * @param health the server's gRPC health service manager, {@code null} when it is not the gRPC kind
     * @param jobs runs the purge of silent instances' rows on one instance of the fleet per interval
     */
    public ServerStatusTracker(GrpcServerStatusRepository repository, GrpcStatusProperties properties,
            Integer workerPoolSize, HealthStatusManager health, FleetJobLock jobs) {
        super("status", LifecyclePhases.SERVER_STATUS);
        PropertyChecks.positive("grpc.status.heartbeat-interval", properties.getHeartbeatInterval());
        PropertyChecks.positive("grpc.status.stale-after", properties.effectiveStaleAfter());
        PropertyChecks.positive("grpc.status.retention", properties.getRetention());
        PropertyChecks.positive("grpc.status.purge-interval", properties.getPurgeInterval());
        this.repository = repository;
        this.properties = properties;
        this.workerPoolSize = workerPoolSize;
        this.health = health;
        this.jobs = jobs;
    }

    /** Just before the server binds. */
    @EventListener
    public void onStarting(ServerLifecycleEvent.Starting event) {
        this.current = startingAt(event.address(), event.port());
        submit(this.current);
    }

    /** Binding failed; waits (bounded) for the row, since the context is going down. */
    @EventListener
    public void onStartFailed(ServerLifecycleEvent.StartFailed event) {
        ServerSnapshot starting = (this.current != null) ? this.current : startingAt(event.address(), event.port());
        Throwable failure = event.cause();
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure) {
            message += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        this.current = starting.failed(message, Instant.now());
        await(submit(this.current));
    }

    @EventListener
    public void onStarted(ServerLifecycleEvent.Started event) {
        ServerSnapshot previous = this.current;
        ServerSnapshot base = (previous != null) ? previous : startingAt(event.address(), event.port());
        this.current = base.running(event.address(), event.port(),
                RegisteredService.of(event.server().getServices()));
        if (previous != null && !previous.instanceId().equals(this.current.instanceId())) {
            // the port was only known once bound: the starting row was written under another id
            submit(() -> attempt(() -> this.repository.deleteById(previous.instanceId())));
        }
        submit(this.current);
        Duration heartbeat = this.properties.getHeartbeatInterval();
        this.heartbeats = repeat(this::heartbeat, heartbeat, heartbeat);
        this.purges = repeat(this::purge, Duration.ZERO, this.properties.getPurgeInterval());
    }

    /** First of all shutdown listeners: load balancers watching the health service stop routing here at once. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void onShutdown(ServerLifecycleEvent.Stopping event) {
        if (this.health != null) {
            this.health.enterTerminalState();
        }
        if (stillUp(this.current)) {
            this.current = this.current.in(ServerState.STOPPING, null);
            submit(this.current);
        }
    }

    /** No more heartbeats: the row says {@code stopping} until the request log is written. */
    @EventListener
    public void onTerminated(ServerLifecycleEvent.Terminated event) {
        cancel(this.heartbeats);
        cancel(this.purges);
    }

    @Override
    protected void onStop() {
        cancel(this.heartbeats);
        cancel(this.purges);
        if (stillUp(this.current)) {
            this.current = this.current.in(ServerState.STOPPED, Instant.now());
            await(submit(this.current));
        }
    }

    /** This instance as it last described itself; {@code null} before the server starts. */
    public ServerSnapshot current() {
        return this.current;
    }

    /** When this instance's row was last written; {@code null} before the first write succeeds. */
    public Instant lastHeartbeat() {
        return this.lastHeartbeat;
    }

    /** Whether the last write of this instance's row failed. */
    public boolean failing() {
        return this.failing;
    }

    public GrpcStatusProperties properties() {
        return this.properties;
    }

    /** Writes the row again now; a deleted row is created again. */
    void heartbeat() {
        ServerSnapshot snapshot = this.current;
        if (snapshot != null) {
            write(snapshot);
        }
    }

    /** Deletes the rows of instances silent for the retention, on one instance of the fleet per interval. */
    private void purge() {
        ServerSnapshot snapshot = this.current;
        if (snapshot != null) {
            Duration interval = this.properties.getPurgeInterval();
            attempt(() -> this.jobs.runIfDue(PURGE_JOB, interval, () -> {
                Instant cutoff = Instant.now().minus(this.properties.getRetention());
                int purged = this.repository.deleteSilentSince(cutoff, snapshot.instanceId());
                if (purged > 0) {
                    logger.info("Purged {} gRPC server status rows not updated since {}", purged, cutoff);
                }
            }));
        }
    }

    private ServerSnapshot startingAt(String address, int port) {
        return ServerSnapshot.starting(this.host, this.pid, address, port, Instant.now(), this.workerPoolSize);
    }

    private Future<?> submit(ServerSnapshot snapshot) {
        return submit(() -> write(snapshot));
    }

    private void write(ServerSnapshot snapshot) {
        Instant now = Instant.now();
        if (attempt(() -> this.repository.save(new GrpcServerStatus(snapshot, now)))) {
            this.lastHeartbeat = now;
        }
    }

    /** Runs one database task; a failure is logged once per outage and reported as {@code false}. */
    private boolean attempt(Runnable task) {
        try {
            task.run();
            if (this.failing) {
                logger.info("gRPC server status is being written again");
            }
            this.failing = false;
            return true;
        }
        catch (RuntimeException ex) {
            if (!this.failing) {
                logger.warn("Could not write the gRPC server status (retried with the next heartbeat): {}",
                        DatabaseFailureText.describe(ex));
            }
            this.failing = true;
            return false;
        }
    }

    private void await(Future<?> write) {
        try {
            write.get(this.properties.getShutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            logger.warn("The gRPC server status was not written within {}", this.properties.getShutdownTimeout());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException ex) {
            // write() never throws: attempt() has logged it
        }
    }

    /** A server that failed to start is stopped like any other: its error row must stay. */
    private static boolean stillUp(ServerSnapshot snapshot) {
        return snapshot != null && snapshot.state() != ServerState.ERROR;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
