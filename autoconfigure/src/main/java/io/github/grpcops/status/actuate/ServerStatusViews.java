package io.github.grpcops.status.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.grpcops.actuate.EndpointView;
import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.status.GrpcServerStatus;
import io.github.grpcops.status.Liveness;
import io.github.grpcops.status.RegisteredService;
import io.github.grpcops.status.ServerSnapshot;

/** The JSON shapes of server status in {@code /actuator/grpc} and info, as documented in {@code docs/monitoring.md}. */
final class ServerStatusViews {

    private ServerStatusViews() {
    }

    /**
     * A row of any instance, with its derived liveness.
     *
     * @param instanceId {@code host:port:pid}
     * @param liveness what the row says, or unreachable when its heartbeat is stale
     * @param status what the row says
     * @param address the bound address
     * @param host the host name
     * @param port the bound port
     * @param pid the process id
     * @param startedAt when the server began starting
     * @param lastHeartbeat when the row was last written
     * @param heartbeatAgeSeconds how long ago that was
     * @param stoppedAt when it terminated or failed
     * @param workerPoolSize the bounded worker pool's size
     * @param reflectionEnabled whether the reflection service is registered
     * @param healthEnabled whether the health service is registered
     * @param services the services with their methods
     * @param errorMessage why the server failed to start
     */
    @EndpointView
    record Server(String instanceId, String liveness, String status, String address, String host, int port, long pid,
            Instant startedAt, Instant lastHeartbeat, Long heartbeatAgeSeconds, Instant stoppedAt,
            Integer workerPoolSize, boolean reflectionEnabled, boolean healthEnabled, List<RegisteredService> services,
            String errorMessage) {

        static Server of(GrpcServerStatus row, Instant now, Duration staleAfter) {
            return new Server(row.getInstanceId(),
                    Liveness.of(row.getStatus(), row.getLastHeartbeat(), now, staleAfter).value(), row.getStatus(),
                    row.getAddress(), row.getHost(), row.getPort(), row.getPid(), row.getStartedAt(),
                    row.getLastHeartbeat(), seconds(row.getLastHeartbeat(), now), row.getStoppedAt(),
                    row.getWorkerPoolSize(), row.isReflectionEnabled(), row.isHealthEnabled(),
                    RegisteredService.fromJson(row.getServices()), row.getErrorMessage());
        }
    }

    /**
     * {@code /servers}.
     *
     * @param staleAfterSeconds how old a heartbeat may be before its instance is unreachable
     * @param total instances listed
     * @param servers those instances, newest start first
     */
    @EndpointView
    record Servers(long staleAfterSeconds, int total, List<Server> servers) {
    }

    /**
     * The {@code servers} entry of the overview.
     *
     * @param total instances in the shared table
     * @param liveness how many are in each liveness
     */
    @EndpointView
    record ServersOverview(long total, Map<String, Long> liveness) {
    }

    /**
     * This instance, from memory (so it answers even when the database does not).
     *
     * @param instanceId {@code host:port:pid}
     * @param status the lifecycle state
     * @param address the bound address
     * @param host the host name
     * @param port the bound port
     * @param pid the process id
     * @param startedAt when the server began starting
     * @param uptimeSeconds how long it has run; {@code null} once stopped
     * @param lastHeartbeat when its row was last written
     * @param heartbeatFailing whether writing its row fails
     * @param workers the bounded worker pool; absent without one
     * @param reflectionEnabled whether the reflection service is registered
     * @param healthEnabled whether the health service is registered
     * @param services the registered service names
     * @param errorMessage why the server failed to start
     */
    @EndpointView
    record Instance(String instanceId, String status, String address, String host, int port, long pid,
            Instant startedAt, Long uptimeSeconds, Instant lastHeartbeat, boolean heartbeatFailing,
            @JsonInclude(JsonInclude.Include.NON_NULL) Workers workers, boolean reflectionEnabled,
            boolean healthEnabled, List<String> services, String errorMessage) {

        static Instance of(ServerSnapshot self, Instant lastHeartbeat, boolean failing, BoundedCallExecutor workers,
                Instant now) {
            return new Instance(self.instanceId(), self.state().value(), self.address(), self.host(), self.port(),
                    self.pid(), self.startedAt(), (self.stoppedAt() == null) ? seconds(self.startedAt(), now) : null,
                    lastHeartbeat, failing,
                    (workers != null)
                            ? new Workers(self.workerPoolSize(), workers.activeWorkers(), workers.queuedTasks()) : null,
                    self.reflectionEnabled(), self.healthEnabled(),
                    self.services().stream().map(RegisteredService::name).toList(), self.errorMessage());
        }
    }

    /**
     * The bounded worker pool running calls.
     *
     * @param poolSize its maximum size
     * @param active workers running a call now
     * @param queued calls waiting for a worker
     */
    @EndpointView
    record Workers(Integer poolSize, int active, int queued) {
    }

    /**
     * The {@code grpc} entry of {@code /actuator/info}.
     *
     * @param instanceId {@code host:port:pid}
     * @param port the bound port
     * @param services the services with their methods
     */
    @EndpointView
    record Info(String instanceId, int port, List<RegisteredService> services) {
    }

    private static Long seconds(Instant since, Instant now) {
        return (since != null) ? Duration.between(since, now).toSeconds() : null;
    }
}
