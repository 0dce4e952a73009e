package io.github.grpcops.status;

import java.time.Instant;
import java.util.List;

/**
 * What this instance knows of itself at one moment; immutable, so the lifecycle thread can replace it
 * while the status thread writes the previous one.
 *
 * @param instanceId {@code host:port:pid}
 * @param address the address the server binds ({@code *} for every interface)
 * @param host this machine's host name
 * @param port the bound port
 * @param pid this process's id
 * @param state the lifecycle state
 * @param startedAt when the server began starting
 * @param stoppedAt when it terminated or failed, else {@code null}
 * @param workerPoolSize the bounded worker pool's size, {@code null} when grpc-java's default pool runs calls
 * @param reflectionEnabled whether the reflection service is registered
 * @param healthEnabled whether the health service is registered
 * @param services the registered services with their methods
 * @param errorMessage why the server failed to start, else {@code null}
 */
public record ServerSnapshot(String instanceId, String address, String host, int port, long pid, ServerState state,
        Instant startedAt, Instant stoppedAt, Integer workerPoolSize, boolean reflectionEnabled, boolean healthEnabled,
        List<RegisteredService> services, String errorMessage) {

    static final String REFLECTION_V1 = "grpc.reflection.v1.ServerReflection";

    static final String REFLECTION_V1ALPHA = "grpc.reflection.v1alpha.ServerReflection";

    static final String HEALTH = "grpc.health.v1.Health";

    static ServerSnapshot starting(String host, long pid, String address, int port, Instant now, Integer workers) {
        return new ServerSnapshot(instanceId(host, port, pid), address, host, port, pid, ServerState.STARTING, now,
                null, workers, false, false, List.of(), null);
    }

    static String instanceId(String host, int port, long pid) {
        return host + ":" + port + ":" + pid;
    }

    ServerSnapshot running(String address, int port, List<RegisteredService> services) {
        List<String> names = services.stream().map(RegisteredService::name).toList();
        return new ServerSnapshot(instanceId(this.host, port, this.pid), address, this.host, port, this.pid,
                ServerState.RUNNING, this.startedAt, null, this.workerPoolSize,
                names.contains(REFLECTION_V1) || names.contains(REFLECTION_V1ALPHA), names.contains(HEALTH), services,
                null);
    }

    ServerSnapshot in(ServerState next, Instant stopped) {
        return new ServerSnapshot(this.instanceId, this.address, this.host, this.port, this.pid, next, this.startedAt,
                stopped, this.workerPoolSize, this.reflectionEnabled, this.healthEnabled, this.services,
                this.errorMessage);
    }

    ServerSnapshot failed(String message, Instant stopped) {
        String bounded = (message != null && message.length() > GrpcServerStatus.ERROR_MESSAGE_LENGTH)
                ? message.substring(0, GrpcServerStatus.ERROR_MESSAGE_LENGTH) : message;
        return new ServerSnapshot(this.instanceId, this.address, this.host, this.port, this.pid, ServerState.ERROR,
                this.startedAt, stopped, this.workerPoolSize, this.reflectionEnabled, this.healthEnabled,
                this.services, bounded);
    }
}
