package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.grpcops.requestlog.rollup.LatencyHistogram;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.requestlog.rollup.RequestStatsTable.StoredRollup;
import io.github.grpcops.requestlog.rollup.RollupFigures;

/**
 * Figures of the calls of a window (counts by status, success rate, average, p50/p95/p99, max; per
 * method, per service, over time), read from the rollups in {@code grpc_request_stats}, never from
 * the raw rows: a window of a day reads a few rows per method and hour, whatever the traffic. A
 * window starts at the minute holding "now minus the window" (at the hour once minute rows are no
 * longer kept); percentiles come from merged latency histograms, within
 * {@link LatencyHistogram#RELATIVE_ERROR} (1/64) of the exact nearest-rank percentile, and never
 * outside the exact minimum and maximum.
 */
public class RequestLogStatistics {

    private static final List<String> STATUSES = List.of("success", "error", "cancelled", "timeout");

    private final RequestStatsTable rollups;

    private final Duration minuteRetention;

    /**
     * @param minuteRetention how long minute rows are kept ({@code grpc.request-log.rollups.minute-retention});
     *     windows reaching further back start at the whole hour
     */
    public RequestLogStatistics(RequestStatsTable rollups, Duration minuteRetention) {
        this.rollups = rollups;
        this.minuteRetention = minuteRetention;
    }

    /** Totals by status, success rate and latency over the calls of the last {@code window}. */
    public Summary summary(Duration window) {
        Tally all = new Tally();
        window(window, null).forEach(all::add);
        return new Summary(window, all.aggregates());
    }

    /** The same figures per service and method, busiest first. */
    public List<MethodStatistics> byMethod(Duration window) {
        return byMethod(window, null);
    }

    /** The same figures per method of one service ({@code null}: every service), busiest first. */
    public List<MethodStatistics> byMethod(Duration window, String service) {
        Map<List<String>, Tally> methods = new HashMap<>();
        for (StoredRollup row : window(window, service)) {
            methods.computeIfAbsent(List.of(row.key().service(), row.key().method()), key -> new Tally()).add(row);
        }
        return methods.entrySet()
            .stream()
            .map(method -> new MethodStatistics(method.getKey().get(0), method.getKey().get(1),
                    method.getValue().figures.lastCallAt(), method.getValue().aggregates()))
            .sorted(Comparator.comparingLong((MethodStatistics method) -> -method.all().calls())
                .thenComparing(MethodStatistics::service)
                .thenComparing(MethodStatistics::method))
            .toList();
    }

    /** The same figures per service, busiest first. */
    public List<ServiceStatistics> byService(Duration window) {
        return byService(window, null);
    }

    /** The same figures for one service ({@code null}: every service, busiest first). */
    public List<ServiceStatistics> byService(Duration window, String service) {
        Map<String, Tally> services = new HashMap<>();
        for (StoredRollup row : window(window, service)) {
            services.computeIfAbsent(row.key().service(), key -> new Tally()).add(row);
        }
        return services.entrySet()
            .stream()
            .map(one -> new ServiceStatistics(one.getKey(), one.getValue().figures.lastCallAt(),
                    one.getValue().aggregates()))
            .sorted(Comparator.comparingLong((ServiceStatistics one) -> -one.all().calls())
                .thenComparing(ServiceStatistics::service))
            .toList();
    }

    /** Calls per bucket (UTC), oldest first; buckets without calls are absent. */
    public List<TimelineBucket> timeline(Duration window, Granularity granularity) {
        List<StoredRollup> rows = (granularity == Granularity.MINUTE) ? this.rollups.minutes(since(window))
                : window(window, null);
        Map<Instant, Tally> buckets = new TreeMap<>();
        for (StoredRollup row : rows) {
            Instant start = row.key().bucketStart().truncatedTo(granularity.unit);
            buckets.computeIfAbsent(start, key -> new Tally()).add(row);
        }
        return buckets.entrySet()
            .stream()
            .map(bucket -> new TimelineBucket(bucket.getKey(), bucket.getValue().aggregates()))
            .toList();
    }

    private List<StoredRollup> window(Duration window, String service) {
        Instant now = Instant.now();
        return this.rollups.window(now.minus(window), now.minus(this.minuteRetention), service);
    }

    private static Instant since(Duration window) {
        return Instant.now().minus(window);
    }

    /** The rows of one group, merged. */
    private static final class Tally {

        private final RollupFigures figures = new RollupFigures();

        private final Map<String, Long> byStatus = new LinkedHashMap<>();

        Tally() {
            STATUSES.forEach(status -> this.byStatus.put(status, 0L));
        }

        void add(StoredRollup row) {
            this.figures.add(row.figures());
            this.byStatus.merge(row.key().status(), row.figures().calls(), Long::sum);
        }

        Aggregates aggregates() {
            long calls = this.figures.calls();
            Double successRate = (calls > 0) ? this.byStatus.get("success") / (double) calls : null;
            Double max = (calls > 0) ? this.figures.durationMaxMs() : null;
            return new Aggregates(calls, Collections.unmodifiableMap(this.byStatus), successRate,
                    this.figures.averageMs(), this.figures.percentileMs(0.5), this.figures.percentileMs(0.95),
                    this.figures.percentileMs(0.99), max);
        }
    }

    /** Timeline bucket size. */
    public enum Granularity {

        MINUTE(ChronoUnit.MINUTES), HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

        private final ChronoUnit unit;

        Granularity(ChronoUnit unit) {
            this.unit = unit;
        }

        /** Parses {@code minute}, {@code hour} or {@code day} in any case. */
        public static Granularity of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException | NullPointerException ex) {
                throw new IllegalArgumentException("Unknown timeline granularity '" + name
                        + "': use minute, hour or day", ex);
            }
        }
    }

    /**
     * Counts and latency of a set of calls; latency figures are {@code null} when there were no calls.
     * Percentiles are estimates from histograms (see the class comment), the other figures exact.
     *
     * @param calls calls recorded
     * @param byStatus calls per status: success, error, cancelled, timeout
     * @param successRate successful calls over all calls (0 to 1), {@code null} without calls
     * @param averageMs mean duration
     * @param p50Ms median duration (nearest rank)
     * @param p95Ms 95th percentile duration
     * @param p99Ms 99th percentile duration
     * @param maxMs longest duration
     */
    public record Aggregates(long calls, Map<String, Long> byStatus, Double successRate, Double averageMs,
            Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {
    }

    /**
     * All calls of a window.
     *
     * @param window how far back from now
     * @param all the figures
     */
    public record Summary(Duration window, Aggregates all) {
    }

    /**
     * The calls of one method.
     *
     * @param service {@code package.Service}
     * @param method {@code Method}
     * @param lastCallAt when the newest of these calls started
     * @param all the figures
     */
    public record MethodStatistics(String service, String method, Instant lastCallAt, Aggregates all) {
    }

    /**
     * The calls of one service, all methods together.
     *
     * @param service {@code package.Service}
     * @param lastCallAt when the newest of these calls started
     * @param all the figures
     */
    public record ServiceStatistics(String service, Instant lastCallAt, Aggregates all) {
    }

    /**
     * The calls that started within one bucket.
     *
     * @param start the bucket's start (UTC)
     * @param all the figures
     */
    public record TimelineBucket(Instant start, Aggregates all) {
    }
}
