package io.github.grpcops.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The call workers: a task goes to the worker that became idle last; a thread is started only when no
 * worker is idle, up to {@code maxWorkers}; beyond that tasks wait in an unbounded queue, so a task is
 * never refused while the pool runs. A thread idle for the keep-alive (a minute) ends.
 *
 * <p>A fixed {@link ThreadPoolExecutor} starts a new thread for every task until it holds all of them, and
 * its idle threads take turns. So a light load is spread over every thread, and each call runs on a cold
 * one: its stack, thread locals and allocator caches long out of the CPU's caches (with 16 calls in flight
 * on 200 workers, a quarter more CPU per call than on 16; docs/benchmarks.md). Growing only when none is
 * idle keeps the pool near the load's concurrency; handing work to the last idle worker keeps the busiest
 * threads hot and lets the others idle long enough to end.
 */
final class CallWorkerPool extends ThreadPoolExecutor {

    private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

    /** Tasks handed to {@link #execute} and not yet finished: more than threads means none is idle. */
    private final AtomicInteger unfinished = new AtomicInteger();

    CallWorkerPool(int maxWorkers, ThreadFactory threads) {
        this(maxWorkers, threads, KEEP_ALIVE);
    }

    CallWorkerPool(int maxWorkers, ThreadFactory threads, Duration keepAlive) {
        super(0, maxWorkers, keepAlive.toNanos(), TimeUnit.NANOSECONDS, new HotFirstQueue(), threads,
                CallWorkerPool::queueWhenFull);
        ((HotFirstQueue) getQueue()).pool = this;
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
     * The queue refused a task to get a new thread, but the pool was full by then: the task goes to an idle
     * worker or waits. Checked again once queued, as the pool itself does, so a task queued as the pool
     * shuts down is refused, not left behind.
     */
    private static void queueWhenFull(Runnable task, ThreadPoolExecutor pool) {
        if (!pool.isShutdown()) {
            ((HotFirstQueue) pool.getQueue()).handOrQueue(task);
            if (!pool.isShutdown() || !pool.remove(task)) {
                return;
            }
        }
        throw new RejectedExecutionException("The call workers are shut down");
    }

    /**
     * The pool's queue: hands a task to the most recently idle worker, else refuses it while the pool may
     * start a thread for it, else queues it. Idle workers wait on a stack of their own, not on the queue,
     * because {@link LinkedBlockingQueue} wakes its longest-waiting taker first. One lock covers the stack and
     * the queue, so a worker never goes idle while a task is queued, nor a task queued while one is idle.
     * (A worker that has just timed out may still leave a task queued at that moment to the others, as
     * in any {@link ThreadPoolExecutor}: it runs when one of them finishes or the next task starts a thread.)
     */
    private static final class HotFirstQueue extends LinkedBlockingQueue<Runnable> {

        private final ReentrantLock lock = new ReentrantLock();

        /** Idle workers, the most recent first. */
        private final ArrayDeque<IdleWorker> idle = new ArrayDeque<>();

        private CallWorkerPool pool;

        @Override
        public boolean offer(Runnable task) {
            if (hand(task, false)) {
                return true;
            }
            // None idle: a new thread takes it if every thread has a task and there is room for one; else a
            // worker finishing its task takes it from the queue.
            int threads = this.pool.getPoolSize();
            if (this.pool.unfinished.get() > threads && threads < this.pool.getMaximumPoolSize()) {
                return false;
            }
            return hand(task, true);
        }

        void handOrQueue(Runnable task) {
            hand(task, true);
        }

        /** Hands the task to the most recently idle worker and wakes it; with none, queues it if {@code queue}. */
        private boolean hand(Runnable task, boolean queue) {
            IdleWorker worker;
            this.lock.lock();
            try {
                worker = this.idle.pollFirst();
                if (worker == null) {
                    return queue && super.offer(task);
                }
                worker.task = task;
            }
            finally {
                this.lock.unlock();
            }
            // outside the lock: waking a thread is a system call
            LockSupport.unpark(worker.thread);
            return true;
        }

        @Override
        public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
            IdleWorker me;
            this.lock.lock();
            try {
                Runnable queued = super.poll();
                if (queued != null) {
                    return queued;
                }
                me = new IdleWorker(Thread.currentThread());
                this.idle.addFirst(me);
            }
            finally {
                this.lock.unlock();
            }
            return awaitTask(me, System.nanoTime() + unit.toNanos(timeout));
        }

        /** Not called by the pool (with no core threads, every worker polls with its keep-alive). */
        @Override
        public Runnable take() throws InterruptedException {
            Runnable task;
            do {
                task = poll(1, TimeUnit.DAYS);
            }
            while (task == null);
            return task;
        }

        /** The task handed to {@code me}; {@code null} once the deadline passed without one. */
        private Runnable awaitTask(IdleWorker me, long deadline) throws InterruptedException {
            while (me.task == null) {
                long left = deadline - System.nanoTime();
                boolean interrupted = Thread.interrupted();
                if (left <= 0 || interrupted) {
                    if (leaveIdle(me)) {
                        if (interrupted) {
                            throw new InterruptedException();
                        }
                        return null;
                    }
                    if (interrupted) {
                        // handed a task meanwhile: it runs, and the pool still sees the interrupt
                        Thread.currentThread().interrupt();
                    }
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
            return me.task;
        }

        /** Takes {@code me} off the stack unless a task was handed to it first. */
        private boolean leaveIdle(IdleWorker me) {
            this.lock.lock();
            try {
                if (me.task != null) {
                    return false;
                }
                this.idle.removeLastOccurrence(me);
                return true;
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    private static final class IdleWorker {

        final Thread thread;

        volatile Runnable task;

        IdleWorker(Thread thread) {
            this.thread = thread;
        }
    }
}
