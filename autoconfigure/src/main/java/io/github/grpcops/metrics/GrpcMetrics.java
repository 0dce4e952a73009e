package io.github.grpcops.metrics;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.grpcops.metrics.GrpcMetricsSnapshot.MethodStats;
import io.github.grpcops.metrics.GrpcMetricsSnapshot.Stats;
import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Statistics of every call since start, for monitoring ({@link #snapshot()}): counts by result and
 * latency percentiles per method. Latencies go into an HdrHistogram {@link Recorder} per method
 * (lock-free on the call's thread, a few KB per method, 2 significant digits); a snapshot folds the
 * recorded intervals into a cumulative histogram. Unlike the Micrometer timer, whose percentiles are
 * windowed, these cover the whole life of the application.
 */
public class GrpcMetrics {

    private final Instant since = Instant.now();

    private final Map<String, MethodRecorder> methods = new ConcurrentHashMap<>();

    void record(CallInfo info, CallResult result, long durationNanos) {
        this.methods.computeIfAbsent(info.fullMethodName(), name -> new MethodRecorder(info))
            .record(result, durationNanos);
    }

    /** Statistics since start; consistent per method, taken without stopping calls. */
    public GrpcMetricsSnapshot snapshot() {
        Histogram all = newHistogram();
        long[] totals = new long[4];
        List<MethodStats> stats = this.methods.values()
            .stream()
            .sorted(Comparator.comparing(m -> m.fullMethodName))
            .map(m -> m.snapshot(all, totals))
            .toList();
        return new GrpcMetricsSnapshot(this.since, stats(all, totals[0], totals[1], totals[2], totals[3]), stats);
    }

    private static Histogram newHistogram() {
        return new Histogram(2);
    }

    private static Stats stats(Histogram micros, long calls, long success, long errors, long cancelled) {
        if (micros.getTotalCount() == 0) {
            return new Stats(calls, success, errors, cancelled, 0, 0, 0, 0);
        }
        return new Stats(calls, success, errors, cancelled, micros.getMean() / 1000.0,
                micros.getValueAtPercentile(95) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    /** One method's counters and latency recorder. */
    private static final class MethodRecorder {

        private final String fullMethodName;

        private final String service;

        private final String method;

        private final String type;

        private final LongAdder success = new LongAdder();

        private final LongAdder errors = new LongAdder();

        private final LongAdder cancelled = new LongAdder();

        private final Recorder recorder = new Recorder(2);

        /** Everything recorded so far; only touched under this recorder's lock, by snapshots. */
        private final Histogram cumulative = newHistogram();

        MethodRecorder(CallInfo info) {
            this.fullMethodName = info.fullMethodName();
            this.service = info.serviceName();
            this.method = info.methodName();
            this.type = info.type().name();
        }

        void record(CallResult result, long durationNanos) {
            switch (result) {
                case SUCCESS -> this.success.increment();
                case CANCELLED -> this.cancelled.increment();
                default -> this.errors.increment();
            }
            this.recorder.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(durationNanos)));
        }

        synchronized MethodStats snapshot(Histogram all, long[] totals) {
            this.cumulative.add(this.recorder.getIntervalHistogram());
            all.add(this.cumulative);
            long ok = this.success.sum();
            long failed = this.errors.sum();
            long gone = this.cancelled.sum();
            long calls = ok + failed + gone;
            totals[0] += calls;
            totals[1] += ok;
            totals[2] += failed;
            totals[3] += gone;
            return new MethodStats(this.service, this.method, this.type,
                    stats(this.cumulative, calls, ok, failed, gone));
        }
    }
}
