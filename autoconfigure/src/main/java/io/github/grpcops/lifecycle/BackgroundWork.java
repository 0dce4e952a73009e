package io.github.grpcops.lifecycle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.logging.RepeatedFailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.context.SmartLifecycle;

/**
 * Work that runs on one thread of its own, {@code grpc-ops-<what>-1}, from when the application context
 * has refreshed (never while beans are being created) until its {@link LifecyclePhases phase} stops.
 * Subclasses schedule their tasks in {@link #onStart()} and do their last piece of work in
 * {@link #onStop()}; a task submitted while the work is not running is not run.
 */
public abstract class BackgroundWork implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

    private final String what;

    private final ThreadFactory thread;

    private final int phase;

    private final RepeatedFailureLog failures = new RepeatedFailureLog(log);

    private volatile ScheduledThreadPoolExecutor executor;

    /**
     * @param what the thread's name after {@code grpc-ops-}
     * @param phase one of {@link LifecyclePhases}
     */
    protected BackgroundWork(String what, int phase) {
        this.what = what;
        this.thread = GrpcOpsThreads.named(what);
        this.phase = phase;
    }

    @Override
    public final synchronized void start() {
        if (this.executor == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, this.thread);
            executor.setRemoveOnCancelPolicy(true);
            this.executor = executor;
            onStart();
        }
    }

    /** Runs {@link #onStop()}, then stops the thread, interrupting a task that still runs. */
    @Override
    public final synchronized void stop() {
        ScheduledThreadPoolExecutor executor = this.executor;
        if (executor != null) {
            try {
                onStop();
            }
            finally {
                executor.shutdownNow();
                this.executor = null;
            }
        }
    }

    @Override
    public final boolean isRunning() {
        return this.executor != null;
    }

    @Override
    public final int getPhase() {
        return this.phase;
    }

    /** Schedules the work's tasks; the thread has just been made. */
    protected void onStart() {
    }

    /** The last work before the thread stops, on the thread stopping the context; may still submit. */
    protected void onStop() {
    }

    /** Runs {@code task} on the work's thread; returns a future already done when it is not running. */
    protected final Future<?> submit(Runnable task) {
        ScheduledThreadPoolExecutor executor = this.executor;
        try {
            return (executor != null) ? executor.submit(task) : CompletableFuture.completedFuture(null);
        }
        catch (RejectedExecutionException ex) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Runs {@code task} every {@code delay} after {@code initialDelay}; returns {@code null} when the work
     * is not running.
     */
    protected final ScheduledFuture<?> repeat(Runnable task, Duration initialDelay, Duration delay) {
        ScheduledThreadPoolExecutor executor = this.executor;
        return (executor != null) ? executor.scheduleWithFixedDelay(() -> runGuarded(task, delay),
                initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS) : null;
    }

    /**
     * Runs one turn of a repeated task. A task that throws is never run again by its executor, so an
     * unexpected failure would silently end a purge or a flush for the rest of the process (the
     * in-memory cap with it, and the heap would fill): it is logged (once a minute while it repeats) and
     * the next turn runs.
     */
    private void runGuarded(Runnable task, Duration delay) {
        try {
            task.run();
        }
        catch (RuntimeException ex) {
            // the type and where it was thrown, never the message: it may hold a row's values
            StackTraceElement[] trace = ex.getStackTrace();
            String failure = ex.getClass().getName() + ((trace.length > 0) ? " at " + trace[0] : "");
            this.failures.report(Level.ERROR, failure, () -> "grpc-ops background task " + this.what + " failed with "
                    + failure + "; it runs again in " + delay.toMillis() + " ms");
        }
    }
}
