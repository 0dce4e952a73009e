package io.github.grpcops.requestlog.rollup;

import java.time.Instant;

/**
 * The figures of a set of calls, as one row of {@code grpc_request_stats} holds them: how many, their
 * durations (sum, min, max and a {@link LatencyHistogram}), messages and bytes, and when the newest
 * started. Figures merge by adding, so rows of many instances and many minutes combine. Not thread-safe.
 */
public final class RollupFigures {

    private long calls;

    private double durationSumMs;

    private double durationMinMs = Double.POSITIVE_INFINITY;

    private double durationMaxMs = Double.NEGATIVE_INFINITY;

    private long messagesIn;

    private long bytesIn;

    private long messagesOut;

    private long bytesOut;

    private Instant lastCallAt;

    private final LatencyHistogram histogram;

    public RollupFigures() {
        this(new LatencyHistogram());
    }

    private RollupFigures(LatencyHistogram histogram) {
        this.histogram = histogram;
    }

    /** Figures as read from a row. */
    static RollupFigures of(long calls, double durationSumMs, double durationMinMs, double durationMaxMs,
            long messagesIn, long bytesIn, long messagesOut, long bytesOut, Instant lastCallAt,
            LatencyHistogram histogram) {
        RollupFigures figures = new RollupFigures(histogram);
        figures.calls = calls;
        figures.durationSumMs = durationSumMs;
        figures.durationMinMs = durationMinMs;
        figures.durationMaxMs = durationMaxMs;
        figures.messagesIn = messagesIn;
        figures.bytesIn = bytesIn;
        figures.messagesOut = messagesOut;
        figures.bytesOut = bytesOut;
        figures.lastCallAt = lastCallAt;
        return figures;
    }

    void record(CallFigures call) {
        this.calls++;
        this.durationSumMs += call.durationMs();
        this.durationMinMs = Math.min(this.durationMinMs, call.durationMs());
        this.durationMaxMs = Math.max(this.durationMaxMs, call.durationMs());
        this.messagesIn += call.messagesIn();
        this.bytesIn += call.bytesIn();
        this.messagesOut += call.messagesOut();
        this.bytesOut += call.bytesOut();
        this.lastCallAt = later(this.lastCallAt, call.createdAt());
        this.histogram.recordMillis(call.durationMs());
    }

    /** Adds {@code other}'s calls to these. */
    public void add(RollupFigures other) {
        this.calls += other.calls;
        this.durationSumMs += other.durationSumMs;
        this.durationMinMs = Math.min(this.durationMinMs, other.durationMinMs);
        this.durationMaxMs = Math.max(this.durationMaxMs, other.durationMaxMs);
        this.messagesIn += other.messagesIn;
        this.bytesIn += other.bytesIn;
        this.messagesOut += other.messagesOut;
        this.bytesOut += other.bytesOut;
        this.lastCallAt = later(this.lastCallAt, other.lastCallAt);
        this.histogram.add(other.histogram);
    }

    public long calls() {
        return this.calls;
    }

    public double durationSumMs() {
        return this.durationSumMs;
    }

    /** Shortest duration; {@code +Infinity} without calls. */
    public double durationMinMs() {
        return this.durationMinMs;
    }

    /** Longest duration; {@code -Infinity} without calls. */
    public double durationMaxMs() {
        return this.durationMaxMs;
    }

    public long messagesIn() {
        return this.messagesIn;
    }

    public long bytesIn() {
        return this.bytesIn;
    }

    public long messagesOut() {
        return this.messagesOut;
    }

    public long bytesOut() {
        return this.bytesOut;
    }

    /** When the newest of these calls started; {@code null} without calls. */
    public Instant lastCallAt() {
        return this.lastCallAt;
    }

    /** Mean duration; {@code null} without calls. */
    public Double averageMs() {
        return (this.calls > 0) ? this.durationSumMs / this.calls : null;
    }

    /**
     * A percentile (0 to 1) from the histogram, kept within the exact minimum and maximum; within
     * {@link LatencyHistogram#RELATIVE_ERROR} of the exact nearest-rank percentile. {@code null} without calls.
     */
    public Double percentileMs(double p) {
        Double estimate = this.histogram.percentileMillis(p);
        return (estimate != null) ? Math.min(Math.max(estimate, this.durationMinMs), this.durationMaxMs) : null;
    }

    LatencyHistogram histogram() {
        return this.histogram;
    }

    private static Instant later(Instant a, Instant b) {
        return (a == null || (b != null && b.isAfter(a))) ? b : a;
    }
}
