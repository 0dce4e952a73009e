package io.github.grpcops.requestlog.rollup;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A mergeable log-linear histogram of call durations: values in whole microseconds, exact below
 * {@value #EXACT_BELOW} µs, above that each power of two split into {@value #SUB_BUCKETS} equal
 * buckets. A bucket is at most 1/{@value #SUB_BUCKETS} of its lower bound wide, so its midpoint is
 * within {@link #RELATIVE_ERROR} (1/64) of any value in it: a percentile read from the histogram is
 * within 1/64 of the exact one, plus the half microsecond lost rounding milliseconds to microseconds.
 * Histograms merge by adding bucket counts, which is what makes per-minute rollups of many instances
 * and many minutes add up. Buckets are allocated one power of two at a time as values reach them.
 * Not thread-safe.
 */
public final class LatencyHistogram {

    /** Bound of the relative error of a value read back from its bucket (the bucket's midpoint). */
    public static final double RELATIVE_ERROR = 1.0 / 64;

    static final int SUB_BITS = 5;

    static final int SUB_BUCKETS = 1 << SUB_BITS;

    static final int EXACT_BELOW = 2 * SUB_BUCKETS;

    /** Longest duration told apart: 2^40 µs, about 12.7 days; longer ones count in the last bucket. */
    static final long MAX_MICROS = (1L << 40) - 1;

    private static final int CHUNKS = index(MAX_MICROS) / SUB_BUCKETS + 1;

    /** Format of {@link #toBytes()}: this byte, then (index delta, count) pairs as unsigned varints. */
    private static final byte FORMAT = 1;

    private final long[][] chunks = new long[CHUNKS][];

    private long count;

    /** Counts one duration given in milliseconds. */
    public void recordMillis(double millis) {
        record(Math.round(Math.min(Math.max(millis, 0) * 1000, MAX_MICROS)), 1);
    }

    void record(long micros, long times) {
        int index = index(Math.min(Math.max(micros, 0), MAX_MICROS));
        long[] chunk = this.chunks[index >>> SUB_BITS];
        if (chunk == null) {
            chunk = new long[SUB_BUCKETS];
            this.chunks[index >>> SUB_BITS] = chunk;
        }
        chunk[index & (SUB_BUCKETS - 1)] += times;
        this.count += times;
    }

    /** Adds every count of {@code other} to this one. */
    public void add(LatencyHistogram other) {
        for (int c = 0; c < CHUNKS; c++) {
            long[] theirs = other.chunks[c];
            if (theirs == null) {
                continue;
            }
            if (this.chunks[c] == null) {
                this.chunks[c] = new long[SUB_BUCKETS];
            }
            for (int i = 0; i < SUB_BUCKETS; i++) {
                this.chunks[c][i] += theirs[i];
            }
        }
        this.count += other.count;
    }

    public long count() {
        return this.count;
    }

    /**
     * The {@code p}-th percentile (0 to 1) in milliseconds by nearest rank: the smallest recorded
     * value with at least {@code p} of all values at or below it, read as its bucket's midpoint;
     * {@code null} when empty.
     */
    public Double percentileMillis(double p) {
        if (this.count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * this.count));
        long seen = 0;
        for (int c = 0; c < CHUNKS; c++) {
            long[] chunk = this.chunks[c];
            if (chunk == null) {
                continue;
            }
            for (int i = 0; i < SUB_BUCKETS; i++) {
                seen += chunk[i];
                if (seen >= rank) {
                    return midpoint(c * SUB_BUCKETS + i) / 1000.0;
                }
            }
        }
        throw new IllegalStateException("count " + this.count + " exceeds the buckets' sum " + seen);
    }

    /** The counts, compactly: a format byte, then each non-empty bucket as (index delta, count) varints. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(FORMAT);
        int previous = -1;
        for (int c = 0; c < CHUNKS; c++) {
            long[] chunk = this.chunks[c];
            if (chunk == null) {
                continue;
            }
            for (int i = 0; i < SUB_BUCKETS; i++) {
                if (chunk[i] != 0) {
                    int index = c * SUB_BUCKETS + i;
                    writeVarint(out, index - previous);
                    writeVarint(out, chunk[i]);
                    previous = index;
                }
            }
        }
        return out.toByteArray();
    }

    /** Reads what {@link #toBytes()} wrote. */
    public static LatencyHistogram fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (!in.hasRemaining() || in.get() != FORMAT) {
            throw new IllegalArgumentException("Not a latency histogram (unknown format)");
        }
        LatencyHistogram histogram = new LatencyHistogram();
        int index = -1;
        while (in.hasRemaining()) {
            index += (int) readVarint(in);
            if (index >= CHUNKS * SUB_BUCKETS) {
                throw new IllegalArgumentException("Latency histogram bucket " + index + " out of range");
            }
            long[] chunk = histogram.chunks[index >>> SUB_BITS];
            if (chunk == null) {
                chunk = new long[SUB_BUCKETS];
                histogram.chunks[index >>> SUB_BITS] = chunk;
            }
            long times = readVarint(in);
            chunk[index & (SUB_BUCKETS - 1)] += times;
            histogram.count += times;
        }
        return histogram;
    }

    /** The bucket of a value: the value itself below {@link #EXACT_BELOW}, else its power of two and sub-bucket. */
    static int index(long micros) {
        if (micros < EXACT_BELOW) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        return ((exponent - SUB_BITS + 1) << SUB_BITS) + (int) (micros >>> (exponent - SUB_BITS)) - SUB_BUCKETS;
    }

    static long lowerBound(int index) {
        if (index < EXACT_BELOW) {
            return index;
        }
        int shift = (index >>> SUB_BITS) - 1;
        return (long) (SUB_BUCKETS + (index & (SUB_BUCKETS - 1))) << shift;
    }

    /** The middle of the bucket's values, in microseconds. */
    static double midpoint(int index) {
        long width = (index < EXACT_BELOW) ? 1 : 1L << ((index >>> SUB_BITS) - 1);
        return lowerBound(index) + (width - 1) / 2.0;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("Latency histogram ends inside a number");
            }
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("Latency histogram holds a number longer than 64 bits");
    }
}
