package io.github.grpcops.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Call statistics since the application started, overall and per method.
 *
 * @param since when counting started
 * @param total all methods together
 * @param methods one entry per method called at least once, by full method name
 */
public record GrpcMetricsSnapshot(Instant since, Stats total, List<MethodStats> methods) {

    /**
     * Counts and latency of a set of calls; durations in milliseconds.
     *
     * @param calls every finished call
     * @param success calls that ended OK
     * @param errors calls that ended with an error status or timed out
     * @param cancelled calls the client cancelled
     * @param averageMillis mean duration
     * @param p95Millis 95th percentile duration
     * @param p99Millis 99th percentile duration
     * @param maxMillis longest duration
     */
    public record Stats(long calls, long success, long errors, long cancelled, double averageMillis, double p95Millis,
            double p99Millis, double maxMillis) {
    }

    /**
     * The statistics of one method.
     *
     * @param service {@code package.Service}
     * @param method {@code Method}
     * @param type unary, client streaming, server streaming or bidi
     * @param stats its calls
     */
    public record MethodStats(String service, String method, String type, Stats stats) {
    }
}
