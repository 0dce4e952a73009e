package io.github.grpcops.sample.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Recorder;

/**
 * Load with grpc-java async stubs, in one of two shapes. Closed loop: a fixed number of callers, each
 * starting its next call as soon as its previous one closes, so exactly that many calls are in flight and
 * the server's pace sets the rate. Open loop: calls started at a fixed rate however many are in flight,
 * so configurations are compared at the same load. Latency runs to the call's close (all messages of a
 * stream received) from its start, in the open loop from its scheduled start: a generator that falls
 * behind a stalled server still counts the wait (no coordinated omission).
 */
final class LoadGenerator {

    /** Open calls at which an open loop gives up: the server is not keeping up with the rate. */
    static final int MAX_OPEN_CALLS = 10_000;

    private final Channel channel;

    private final BenchMethod method;

    private final int callers;

    private final int rate;

    /**
     * @param callers calls in flight at once (closed loop)
     * @param rate calls started per second (open loop), or 0 for the closed loop
     */
    LoadGenerator(Channel channel, BenchMethod method, int callers, int rate) {
        this.channel = channel;
        this.method = method;
        this.callers = callers;
        this.rate = rate;
    }

    /**
     * Runs the load for that long and returns what completed in it; calls still open at the end are not
     * counted.
     * @param serverCpu the server's total CPU time so far, sampled at both ends of the interval
     */
    Measurement run(Duration duration, Supplier<OptionalLong> serverCpu) throws InterruptedException {
        return run(duration, serverCpu, this.rate);
    }

    /**
     * Warms the server up with the closed loop, whatever the rate: a cold server (interpreted code, empty
     * caches) is far slower than a warm one, and the closed loop never asks more than it manages.
     */
    Measurement warmUp(Duration duration, Supplier<OptionalLong> serverCpu) throws InterruptedException {
        return run(duration, serverCpu, 0);
    }

    private Measurement run(Duration duration, Supplier<OptionalLong> serverCpu, int rate)
            throws InterruptedException {
        Interval interval = new Interval();
        OptionalLong cpuBefore = serverCpu.get();
        long start = System.nanoTime();
        if (rate > 0) {
            interval.paced(start, start + duration.toNanos(), rate);
        }
        else {
            for (int i = 0; i < this.callers; i++) {
                interval.next();
            }
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
        interval.stopped = true;
        long elapsed = System.nanoTime() - start;
        OptionalLong cpuAfter = serverCpu.get();
        interval.awaitClosed();
        Map<String, Long> errors = new HashMap<>();
        interval.errors.forEach((code, count) -> errors.put(code, count.sum()));
        OptionalLong cpu = (cpuBefore.isPresent() && cpuAfter.isPresent())
                ? OptionalLong.of(cpuAfter.getAsLong() - cpuBefore.getAsLong()) : OptionalLong.empty();
        return new Measurement(interval.latencies.getIntervalHistogram(), errors, elapsed, cpu);
    }

    /** One measured interval: its recorder, its error counts and its open calls. */
    private final class Interval {

        final Recorder latencies = new Recorder(3);

        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        /** One party for the generator, one per open call. */
        final Phaser open = new Phaser(1);

        volatile boolean stopped;

        /** A closed-loop caller's next call, unless the interval is over. */
        void next() {
            if (!this.stopped) {
                call(System.nanoTime(), this::next);
            }
        }

        /** Starts calls from {@code start} until {@code end}, one every 1/rate seconds, on this thread. */
        void paced(long start, long end, int rate) {
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            for (long due = start; due - end < 0; due += period) {
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait); // may return early: never start a call before it is due
                }
                if (this.open.getRegisteredParties() > MAX_OPEN_CALLS) {
                    throw new IllegalStateException("More than " + MAX_OPEN_CALLS + " calls open at "
                            + rate + " calls/s: the server is not keeping up; lower --rate");
                }
                call(due, () -> {
                });
            }
        }

        /**
         * Starts one call, recording its latency from {@code due}, then runs {@code then}. The call's party
         * is released only after {@code then} has started any next call, so the interval never looks closed
         * while a caller is still calling.
         */
        private void call(long due, Runnable then) {
            this.open.register();
            LoadGenerator.this.method.start(LoadGenerator.this.channel, new StreamObserver<>() {
                @Override
                public void onNext(Object value) {
                    // only the close counts
                }

                @Override
                public void onError(Throwable error) {
                    if (!Interval.this.stopped) {
                        Interval.this.errors.computeIfAbsent(Status.fromThrowable(error).getCode().name(),
                                code -> new LongAdder()).increment();
                    }
                    // off this thread: a call that fails at once would otherwise recurse
                    Interval.this.open.register();
                    ForkJoinPool.commonPool().execute(() -> {
                        then.run();
                        Interval.this.open.arriveAndDeregister();
                    });
                    Interval.this.open.arriveAndDeregister();
                }

                @Override
                public void onCompleted() {
                    if (!Interval.this.stopped) {
                        Interval.this.latencies.recordValue(System.nanoTime() - due);
                    }
                    then.run();
                    Interval.this.open.arriveAndDeregister();
                }
            });
        }

        void awaitClosed() throws InterruptedException {
            try {
                this.open.awaitAdvanceInterruptibly(this.open.arrive(), 30, TimeUnit.SECONDS);
            }
            catch (TimeoutException ex) {
                throw new IllegalStateException("Calls still open 30 s after the interval ended; is the server stuck?");
            }
        }
    }
}
