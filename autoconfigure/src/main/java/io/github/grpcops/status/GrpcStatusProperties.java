package io.github.grpcops.status;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Server status rows and heartbeats: {@code grpc.status.*}.
 */
@ConfigurationProperties("grpc.status")
public class GrpcStatusProperties {

    /** Whether this instance keeps a status row with heartbeats in the grpc_server_status table. */
    private boolean enabled = true;

    /** How often this instance refreshes its status row. */
    private Duration heartbeatInterval = Duration.ofSeconds(30);

    /** Heartbeat age after which a starting, running or stopping instance is reported unreachable; three heartbeat intervals when unset. */
    private Duration staleAfter;

    /** How long rows of instances that stopped, failed or went silent are kept before they are purged. */
    private Duration retention = Duration.ofDays(7);

    /** How often rows older than the retention are purged, by one of the instances sharing the database. */
    private Duration purgeInterval = Duration.ofHours(1);

    /** How long shutdown waits for the final stopped row to be written. */
    private Duration shutdownTimeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getHeartbeatInterval() {
        return this.heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getStaleAfter() {
        return this.staleAfter;
    }

    public void setStaleAfter(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    /** The configured stale-after, else three heartbeat intervals. */
    public Duration effectiveStaleAfter() {
        return (this.staleAfter != null) ? this.staleAfter : this.heartbeatInterval.multipliedBy(3);
    }

    public Duration getRetention() {
        return this.retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public Duration getPurgeInterval() {
        return this.purgeInterval;
    }

    public void setPurgeInterval(Duration purgeInterval) {
        this.purgeInterval = purgeInterval;
    }

    public Duration getShutdownTimeout() {
        return this.shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }
}
