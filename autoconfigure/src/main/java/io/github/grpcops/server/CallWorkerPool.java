package io.github.grpcops.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The call workers: a thread is started only when no worker is idle, up to {@code maxWorkers}; beyond that
 * tasks wait in an unbounded queue, so a task is never refused while the pool runs. Idle threads end after
 * a minute.
 *
 * <p>A fixed {@link ThreadPoolExecutor} starts a new thread for every task until it holds all of them, and
 * its idle threads take turns. So a light load is spread over every thread, and each call runs on a cold
 * one: its stack, thread locals and allocator caches long out of the CPU's caches. With 16 calls in flight
 * on 200 workers that cost about a fifth of the server's CPU per call (docs/benchmarks.md). Growing only
 * when all are busy keeps the pool at the load's peak concurrency (the way Tomcat's executor grows).
 */
final class CallWorkerPool extends ThreadPoolExecutor {

    private static final long KEEP_ALIVE_SECONDS = 60;

    /** Tasks handed to {@link #execute} and not yet finished: more than threads means none is idle. */
    private final AtomicInteger unfinished = new AtomicInteger();

    CallWorkerPool(int maxWorkers, ThreadFactory threads) {
        super(0, maxWorkers, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new GrowFirstQueue(), threads,
                CallWorkerPool::queueWhenFull);
        ((GrowFirstQueue) getQueue()).pool = this;
    }

    @Override
    public void execute(Runnable task) {
        this.unfinished.incrementAndGet();
        try {
            super.execute(task);
        }
        catch (RejectedExecutionException ex) {
            this.unfinished.decrementAndGet();
            throw ex;
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        this.unfinished.decrementAndGet();
    }

    /** The queue refused a task to get a new thread, but the pool was full by then: the task waits. */
    private static void queueWhenFull(Runnable task, ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            throw new RejectedExecutionException("The call workers are shut down");
        }
        ((GrowFirstQueue) pool.getQueue()).enqueue(task);
    }

    /** Refuses a task while the pool could start a thread for it and no worker is idle to take it. */
    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

        private CallWorkerPool pool;

        @Override
        public boolean offer(Runnable task) {
            int threads = this.pool.getPoolSize();
            if (this.pool.unfinished.get() > threads && threads < this.pool.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }
}
