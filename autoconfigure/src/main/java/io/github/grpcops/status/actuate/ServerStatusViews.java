package io.github.grpcops.status.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.grpcops.actuate.GrpcEndpointSection;
import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.status.GrpcServerStatus;
import io.github.grpcops.status.Liveness;
import io.github.grpcops.status.RegisteredService;
import io.github.grpcops.status.ServerSnapshot;

/** The JSON shapes of server status in {@code /actuator/grpc}: maps with a stable key order. */
final class ServerStatusViews {

    private ServerStatusViews() {
    }

    /** A row of any instance, with its derived liveness. */
    static Map<String, Object> row(GrpcServerStatus row, Instant now, Duration staleAfter) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("instanceId", row.getInstanceId());
        view.put("liveness", Liveness.of(row.getStatus(), row.getLastHeartbeat(), now, staleAfter).value());
        view.put("status", row.getStatus());
        view.put("address", row.getAddress());
        view.put("host", row.getHost());
        view.put("port", row.getPort());
        view.put("pid", row.getPid());
        view.put("startedAt", row.getStartedAt());
        view.put("lastHeartbeat", row.getLastHeartbeat());
        view.put("heartbeatAgeSeconds", seconds(row.getLastHeartbeat(), now));
        view.put("stoppedAt", row.getStoppedAt());
        view.put("workerPoolSize", row.getWorkerPoolSize());
        view.put("reflectionEnabled", row.isReflectionEnabled());
        view.put("healthEnabled", row.isHealthEnabled());
        view.put("services", RegisteredService.fromJson(row.getServices()));
        view.put("errorMessage", row.getErrorMessage());
        return view;
    }

    /** This instance, from memory (so it answers even when the database does not). */
    static Map<String, Object> self(ServerSnapshot self, Instant lastHeartbeat, boolean failing,
            BoundedCallExecutor workers, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("instanceId", self.instanceId());
        view.put("status", self.state().value());
        view.put("address", self.address());
        view.put("host", self.host());
        view.put("port", self.port());
        view.put("pid", self.pid());
        view.put("startedAt", self.startedAt());
        view.put("uptimeSeconds", (self.stoppedAt() == null) ? seconds(self.startedAt(), now) : null);
        view.put("lastHeartbeat", lastHeartbeat);
        view.put("heartbeatFailing", failing);
        if (workers != null) {
            view.put("workers", GrpcEndpointSection.entries("poolSize", self.workerPoolSize(), "active",
                    workers.activeWorkers(), "queued", workers.queuedTasks()));
        }
        view.put("reflectionEnabled", self.reflectionEnabled());
        view.put("healthEnabled", self.healthEnabled());
        view.put("services", self.services().stream().map(RegisteredService::name).toList());
        view.put("errorMessage", self.errorMessage());
        return view;
    }

    static List<Map<String, Object>> rows(List<GrpcServerStatus> rows, Instant now, Duration staleAfter) {
        return rows.stream().map(row -> row(row, now, staleAfter)).toList();
    }

    private static Long seconds(Instant since, Instant now) {
        return (since != null) ? Duration.between(since, now).toSeconds() : null;
    }
}
