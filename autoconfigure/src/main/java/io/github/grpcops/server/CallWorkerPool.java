package io.github.grpcops.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The call workers: a thread is started only when no worker is idle, up to {@code maxWorkers}; beyond that
 * tasks wait in an unbounded queue, so a task is never refused while the pool runs. A thread idle for a
 * minute ends.
 *
 * <p>A fixed {@link ThreadPoolExecutor} starts a new thread for every task until it holds all of them, and
 * its idle threads take turns. So a light load is spread over every thread, and each call runs on a cold
 * one: its stack, thread locals and allocator caches long out of the CPU's caches. Growing only when all
 * are busy (the way Tomcat's executor grows) keeps the pool near the load's concurrency: 52-117 threads
 * for 16 calls in flight on one busy core instead of 200, about 11 % less CPU per call
 * (docs/benchmarks.md). Idle threads still take turns, so under steady load few of the extra ones end.
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
        boolean accepted = false;
        try {
            super.execute(task);
            accepted = true;
        }
        finally {
            if (!accepted) {
                this.unfinished.decrementAndGet();
            }
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        this.unfinished.decrementAndGet();
    }

    /**
     * The queue refused a task to get a new thread, but the pool was full by then: the task waits. Checked
     * again once queued, as the pool itself does, so a task queued as the pool shuts down is refused, not
     * left behind.
     */
    private static void queueWhenFull(Runnable task, ThreadPoolExecutor pool) {
        if (!pool.isShutdown()) {
            ((GrowFirstQueue) pool.getQueue()).enqueue(task);
            if (!pool.isShutdown() || !pool.remove(task)) {
                return;
            }
        }
        throw new RejectedExecutionException("The call workers are shut down");
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
