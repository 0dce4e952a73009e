package io.github.grpcops.sample.bench;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * What one configuration did in one measured interval.
 * @param latencies nanoseconds from start to close of every successful call
 * @param errors failed calls by status code
 * @param elapsedNanos length of the interval
 * @param serverCpuNanos CPU time the server process used in the interval, when the OS tells
 */
record Measurement(Histogram latencies, Map<String, Long> errors, long elapsedNanos, OptionalLong serverCpuNanos) {

    Measurement {
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
    }

    long calls() {
        return this.latencies.getTotalCount();
    }

    long errorCount() {
        return this.errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Successful calls per second of the interval. */
    double callsPerSecond() {
        return this.calls() / (this.elapsedNanos / (double) TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * Server CPU microseconds per successful call: what the configuration costs the server, and less
     * sensitive than calls/s to other processes taking the cores.
     */
    double serverCpuMicrosPerCall() {
        return this.serverCpuNanos.isPresent() && calls() > 0 ? this.serverCpuNanos.getAsLong() / 1e3 / calls()
                : Double.NaN;
    }

    /** Latency at that percentile (0 to 100) in milliseconds. */
    double percentileMillis(double percentile) {
        return millis(this.latencies, percentile);
    }

    static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
