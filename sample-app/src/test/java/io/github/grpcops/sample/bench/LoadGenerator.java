package io.github.grpcops.sample.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load with grpc-java async stubs: a fixed number of callers, each starting its next call
 * as soon as its previous one closes, so exactly that many calls are in flight. Latency runs from
 * starting a call to its close (all messages of a stream received).
 */
final class LoadGenerator {

    private final Channel channel;

    private final BenchMethod method;

    private final int callers;

    LoadGenerator(Channel channel, BenchMethod method, int callers) {
        this.channel = channel;
        this.method = method;
        this.callers = callers;
    }

    /**
     * Runs the load for that long and returns what completed in it; calls still open at the end are not
     * counted.
     * @param serverCpu the server's total CPU time so far, sampled at both ends of the interval
     */
    Measurement run(Duration duration, Supplier<OptionalLong> serverCpu) throws InterruptedException {
        Interval interval = new Interval();
        OptionalLong cpuBefore = serverCpu.get();
        long start = System.nanoTime();
        for (int i = 0; i < this.callers; i++) {
            interval.next();
        }
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        interval.stopped = true;
        long elapsed = System.nanoTime() - start;
        OptionalLong cpuAfter = serverCpu.get();
        if (!interval.idle.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Calls still open 30 s after the interval ended; is the server stuck?");
        }
        Map<String, Long> errors = new HashMap<>();
        interval.errors.forEach((code, count) -> errors.put(code, count.sum()));
        OptionalLong cpu = (cpuBefore.isPresent() && cpuAfter.isPresent())
                ? OptionalLong.of(cpuAfter.getAsLong() - cpuBefore.getAsLong()) : OptionalLong.empty();
        return new Measurement(interval.latencies.getIntervalHistogram(), errors, elapsed, cpu);
    }

    /** One measured interval: its recorder, its error counts and the callers still calling. */
    private final class Interval {

        final Recorder latencies = new Recorder(3);

        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        final CountDownLatch idle = new CountDownLatch(LoadGenerator.this.callers);

        volatile boolean stopped;

        void next() {
            if (this.stopped) {
                this.idle.countDown();
                return;
            }
            long start = System.nanoTime();
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
                    ForkJoinPool.commonPool().execute(Interval.this::next);
                }

                @Override
                public void onCompleted() {
                    if (!Interval.this.stopped) {
                        Interval.this.latencies.recordValue(System.nanoTime() - start);
                    }
                    next();
                }
            });
        }
    }
}
