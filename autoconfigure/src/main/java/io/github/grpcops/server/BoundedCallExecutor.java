package io.github.grpcops.server;

import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.lifecycle.GrpcOpsThreads;
import io.github.grpcops.lifecycle.LifecyclePhases;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;

import org.springframework.context.SmartLifecycle;

/**
 * Chooses, per new call, where its service code runs: the {@link CallWorkerPool workers} while fewer than
 * {@code queueCapacity} tasks wait or not all {@code maxWorkers} are busy, otherwise a single-thread
 * rejection executor on which {@link OverloadServerInterceptor} ends the call with {@code RESOURCE_EXHAUSTED}.
 *
 * <p>The decision is made here, before the call is queued, because an interceptor only runs once a
 * worker picks the call up: on a saturated pool that is exactly the hang to avoid. Tasks of calls
 * already admitted are never refused (the pool's own queue is unbounded), so an admitted stream is
 * never broken half-way. The verdict travels to the interceptor as a request header whose value is a
 * per-process secret, so a client cannot forge it.
 *
 * <p>Threads ({@code grpc-ops-worker-<n>}, {@code grpc-ops-overload-1}) are made on demand, so none runs
 * before the server's first call. On shutdown, after the server ({@link LifecyclePhases#CALL_WORKERS}),
 * the pool finishes what it runs within {@code grpc.executor.shutdown-timeout}, before the request log
 * writes the last rows.
 */
public class BoundedCallExecutor implements ServerCallExecutorSupplier, SmartLifecycle {

    static final Metadata.Key<String> OVERLOAD_HEADER = Metadata.Key.of("grpc-ops-overloaded",
            Metadata.ASCII_STRING_MARSHALLER);

    private final String verdict = UUID.randomUUID().toString();

    private volatile ThreadPoolExecutor workers;

    private volatile ExecutorService rejections;

    private final GrpcExecutorProperties properties;

    public BoundedCallExecutor(GrpcExecutorProperties properties) {
        this.properties = properties;
        createPools();
    }

    /** Creates no thread yet: each pool makes its threads as calls come. */
    private void createPools() {
        this.workers = new CallWorkerPool(this.properties.getMaxWorkers(), GrpcOpsThreads.named("worker"));
        this.rejections = Executors.newSingleThreadExecutor(GrpcOpsThreads.named("overload"));
    }

    /** The pools exist from construction; only a restart after {@link #stop()} needs new ones. */
    @Override
    public synchronized void start() {
        if (this.workers.isShutdown()) {
            createPools();
        }
    }

    @Override
    public boolean isRunning() {
        return !this.workers.isShutdown();
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.CALL_WORKERS;
    }

    @Override
    public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
        headers.discardAll(OVERLOAD_HEADER);
        if (saturated()) {
            headers.put(OVERLOAD_HEADER, this.verdict);
            return this.rejections;
        }
        return this.workers;
    }

    /** Queue first: its size is a cheap counter, where the active count takes the pool's lock and walks its threads. */
    private boolean saturated() {
        return this.workers.getQueue().size() >= this.properties.getQueueCapacity()
                && this.workers.getActiveCount() >= this.properties.getMaxWorkers();
    }

    boolean isRejected(Metadata headers) {
        return this.verdict.equals(headers.get(OVERLOAD_HEADER));
    }

    public int activeWorkers() {
        return this.workers.getActiveCount();
    }

    public long completedTasks() {
        return this.workers.getCompletedTaskCount();
    }

    public int queuedTasks() {
        return this.workers.getQueue().size();
    }

    public GrpcExecutorProperties properties() {
        return this.properties;
    }

    /** Lets running calls finish, at most {@code grpc.executor.shutdown-timeout}, then interrupts them. */
    @Override
    public synchronized void stop() {
        ThreadPoolExecutor pool = this.workers;
        this.rejections.shutdown();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(this.properties.getShutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
