package io.github.grpcops.server;

import java.time.Duration;

import io.github.grpcops.diagnostics.PropertyChecks;
import io.github.grpcops.pipeline.PipelineOrder;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bounded worker pool that runs service code: {@code grpc.executor.*}. The server integration's
 * default pool (grpc-java's) grows without limit; this one has a fixed number of workers and rejects
 * new calls with {@code RESOURCE_EXHAUSTED} once {@code queue-capacity} tasks are waiting, instead of
 * letting them hang.
 */
@ConfigurationProperties("grpc.executor")
public class GrpcExecutorProperties {

    /** Whether service calls run on the bounded worker pool instead of grpc-java's unbounded default. */
    private boolean enabled = true;

    /** Maximum number of worker threads that run service code; one is started only when all are busy. */
    private int maxWorkers = 200;

    /** Number of waiting tasks above which new calls are rejected with RESOURCE_EXHAUSTED. */
    private int queueCapacity = 1000;

    /** How long shutdown waits for running tasks to finish before interrupting them. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /** Position of the interceptor that rejects calls the pool has no room for (see PipelineOrder). */
    private int order = PipelineOrder.OVERLOAD;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxWorkers() {
        return this.maxWorkers;
    }

    public void setMaxWorkers(int maxWorkers) {
        this.maxWorkers = PropertyChecks.atLeast("grpc.executor.max-workers", maxWorkers, 1);
    }

    public int getQueueCapacity() {
        return this.queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = PropertyChecks.atLeast("grpc.executor.queue-capacity", queueCapacity, 0);
    }

    public Duration getShutdownTimeout() {
        return this.shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = PropertyChecks.notNegative("grpc.executor.shutdown-timeout", shutdownTimeout);
    }

    public int getOrder() {
        return this.order;
    }

    public void setOrder(int order) {
        this.order = order;
    }
}
