package io.github.grpcops.status;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One gRPC server instance as it last reported itself: written by {@link ServerStatusTracker} on each
 * lifecycle change and heartbeat, read by the {@code servers} section of {@code /actuator/grpc}. The
 * mapping matches the schema scripts, so a Hibernate-generated table gets the same columns.
 */
@Entity
@Table(name = "grpc_server_status",
        indexes = @Index(name = "grpc_server_status_heartbeat_idx", columnList = "last_heartbeat"))
public class GrpcServerStatus {

    static final int ERROR_MESSAGE_LENGTH = 1000;

    @Id
    @Column(name = "instance_id", length = 255)
    private String instanceId;

    @Column(name = "address", length = 255, nullable = false)
    private String address;

    @Column(name = "host", length = 255, nullable = false)
    private String host;

    @Column(name = "port", nullable = false)
    private int port;

    @Column(name = "pid", nullable = false)
    private long pid;

    @Column(name = "status", length = 16, nullable = false)
    private String status;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "last_heartbeat", nullable = false)
    private Instant lastHeartbeat;

    @Column(name = "stopped_at")
    private Instant stoppedAt;

    @Column(name = "worker_pool_size")
    private Integer workerPoolSize;

    @Column(name = "reflection_enabled", nullable = false)
    private boolean reflectionEnabled;

    @Column(name = "health_enabled", nullable = false)
    private boolean healthEnabled;

    /** The registered services and their methods as JSON (see {@link RegisteredService}). */
    @Column(name = "services")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String services;

    @Column(name = "error_message", length = ERROR_MESSAGE_LENGTH)
    private String errorMessage;

    protected GrpcServerStatus() {
    }

    GrpcServerStatus(ServerSnapshot snapshot, Instant heartbeat) {
        this.instanceId = snapshot.instanceId();
        this.address = snapshot.address();
        this.host = snapshot.host();
        this.port = snapshot.port();
        this.pid = snapshot.pid();
        this.status = snapshot.state().value();
        this.startedAt = snapshot.startedAt();
        this.lastHeartbeat = heartbeat;
        this.stoppedAt = snapshot.stoppedAt();
        this.workerPoolSize = snapshot.workerPoolSize();
        this.reflectionEnabled = snapshot.reflectionEnabled();
        this.healthEnabled = snapshot.healthEnabled();
        this.services = RegisteredService.toJson(snapshot.services());
        this.errorMessage = snapshot.errorMessage();
    }

    /** {@code host:port:pid}. */
    public String getInstanceId() {
        return this.instanceId;
    }

    public String getAddress() {
        return this.address;
    }

    public String getHost() {
        return this.host;
    }

    public int getPort() {
        return this.port;
    }

    public long getPid() {
        return this.pid;
    }

    /** What the instance last said of itself: starting, running, stopping, stopped or error. */
    public String getStatus() {
        return this.status;
    }

    public Instant getStartedAt() {
        return this.startedAt;
    }

    public Instant getLastHeartbeat() {
        return this.lastHeartbeat;
    }

    public Instant getStoppedAt() {
        return this.stoppedAt;
    }

    public Integer getWorkerPoolSize() {
        return this.workerPoolSize;
    }

    public boolean isReflectionEnabled() {
        return this.reflectionEnabled;
    }

    public boolean isHealthEnabled() {
        return this.healthEnabled;
    }

    public String getServices() {
        return this.services;
    }

    public String getErrorMessage() {
        return this.errorMessage;
    }
}
