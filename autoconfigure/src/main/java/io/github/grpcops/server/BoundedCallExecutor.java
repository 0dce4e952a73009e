package io.github.grpcops.server;

import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;

import org.springframework.beans.factory.DisposableBean;

/**
 * Chooses, per new call, where its service code runs: the fixed pool of workers while fewer than
 * {@code queueCapacity} tasks wait or a worker is idle, otherwise a single-thread rejection executor on which
 * {@link OverloadServerInterceptor} ends the call with {@code RESOURCE_EXHAUSTED}.
 *
 * <p>The decision is made here, before the call is queued, because an interceptor only runs once a
 * worker picks the call up: on a saturated pool that is exactly the hang to avoid. Tasks of calls
 * already admitted are never refused (the pool's own queue is unbounded), so an admitted stream is
 * never broken half-way. The verdict travels to the interceptor as a request header whose value is a
 * per-process secret, so a client cannot forge it.
 */
public class BoundedCallExecutor implements ServerCallExecutorSupplier, DisposableBean {

    static final Metadata.Key<String> OVERLOAD_HEADER = Metadata.Key.of("grpc-ops-overloaded",
            Metadata.ASCII_STRING_MARSHALLER);

    private final String verdict = UUID.randomUUID().toString();

    private final ThreadPoolExecutor workers;

    private final ExecutorService rejections;

    private final GrpcExecutorProperties properties;

    public BoundedCallExecutor(GrpcExecutorProperties properties) {
        this.properties = properties;
        this.workers = new ThreadPoolExecutor(properties.getMaxWorkers(), properties.getMaxWorkers(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads("grpc-worker-"));
        this.workers.allowCoreThreadTimeOut(true);
        this.rejections = Executors.newSingleThreadExecutor(threads("grpc-overload-"));
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

    /** Queue first: it is a cheap counter, and workers can only all be busy once tasks wait. */
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

    @Override
    public void destroy() throws InterruptedException {
        this.rejections.shutdown();
        this.workers.shutdown();
        if (!this.workers.awaitTermination(this.properties.getShutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            this.workers.shutdownNow();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
