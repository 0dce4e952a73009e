package io.github.grpcops.requestlog.rollup;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The histogram's percentiles against exact nearest-rank percentiles of generated durations, whole
 * and merged from parts (as rollups of many minutes and instances are), always within the documented
 * bound: 1/64 of the exact value plus the half microsecond lost rounding to microseconds.
 */
class LatencyHistogramTest {

    private static final double[] PERCENTILES = { 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0 };

    private final Random random = new Random(20261130);

    @Test
    void percentilesOfGeneratedDistributionsAreWithinTheBoundOfExactOnes() {
        List<Distribution> distributions = List.of(
                new Distribution("uniform 0-10 ms", () -> this.random.nextDouble() * 10),
                new Distribution("exponential, mean 5 ms", () -> -5 * Math.log(1 - this.random.nextDouble())),
                new Distribution("log-normal, median 20 ms", () -> 20 * Math.exp(this.random.nextGaussian())),
                new Distribution("bimodal: 95 % near 2 ms, 5 % near 800 ms",
                        () -> (this.random.nextDouble() < 0.95) ? 2 + this.random.nextGaussian() * 0.2
                                : 800 + this.random.nextGaussian() * 50),
                new Distribution("sub-millisecond, 5-500 µs", () -> 0.005 + this.random.nextDouble() * 0.495),
                new Distribution("heavy tail: Pareto from 1 ms, alpha 1.2",
                        () -> Math.pow(1 - this.random.nextDouble(), -1 / 1.2)));
        for (Distribution distribution : distributions) {
            double[] values = new double[50_000];
            LatencyHistogram whole = new LatencyHistogram();
            LatencyHistogram[] parts = { new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram() };
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.max(0, distribution.next().getAsDouble());
                whole.recordMillis(values[i]);
                parts[i % 3].recordMillis(values[i]);
            }
            LatencyHistogram merged = LatencyHistogram.fromBytes(parts[0].toBytes());
            merged.add(parts[1]);
            merged.add(LatencyHistogram.fromBytes(parts[2].toBytes()));
            Arrays.sort(values);
            for (double p : PERCENTILES) {
                double exact = values[(int) Math.max(1, Math.ceil(p * values.length)) - 1];
                double allowed = exact * LatencyHistogram.RELATIVE_ERROR + 0.0005;
                assertThat(whole.percentileMillis(p)).as("%s, p%s", distribution.name(), p * 100)
                    .isCloseTo(exact, within(allowed));
                assertThat(merged.percentileMillis(p)).as("%s merged from three parts, p%s", distribution.name(),
                        p * 100)
                    .isEqualTo(whole.percentileMillis(p));
            }
            assertThat(merged.count()).isEqualTo(values.length);
        }
    }

    @Test
    void bucketsTileTheRangeWithoutGapsAndWithinTheRelativeWidth() {
        long previousEnd = 0;
        for (int index = 0; index <= LatencyHistogram.index(LatencyHistogram.MAX_MICROS); index++) {
            long lower = LatencyHistogram.lowerBound(index);
            assertThat(lower).as("bucket %d starts where the one before ends", index).isEqualTo(previousEnd);
            assertThat(LatencyHistogram.index(lower)).isEqualTo(index);
            double halfWidth = LatencyHistogram.midpoint(index) - lower;
            assertThat(halfWidth).isLessThanOrEqualTo(lower * LatencyHistogram.RELATIVE_ERROR);
            previousEnd = lower + Math.round(2 * halfWidth) + 1;
            assertThat(LatencyHistogram.index(previousEnd - 1)).isEqualTo(index);
        }
    }

    @Test
    void durationsOutsideTheRangeAreClampedNotLost() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.recordMillis(-3);
        histogram.recordMillis(Double.MAX_VALUE);
        assertThat(histogram.count()).isEqualTo(2);
        assertThat(histogram.percentileMillis(0.5)).isZero();
        assertThat(histogram.percentileMillis(1.0)).isGreaterThan(1e9);
        assertThat(new LatencyHistogram().percentileMillis(0.5)).isNull();
    }

    @Test
    void aFewBucketsEncodeInAFewBytesAndBadBytesAreRefused() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            histogram.recordMillis(1 + (i % 20) * 0.1);
        }
        byte[] bytes = histogram.toBytes();
        assertThat(bytes.length).isLessThan(80);
        assertThat(LatencyHistogram.fromBytes(bytes).toBytes()).isEqualTo(bytes);
        assertThatIllegalArgumentException().isThrownBy(() -> LatencyHistogram.fromBytes(new byte[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> LatencyHistogram.fromBytes(new byte[] { 9, 1, 1 }));
        assertThatIllegalArgumentException().isThrownBy(() -> LatencyHistogram.fromBytes(new byte[] { 1, (byte) 0x81 }));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> LatencyHistogram.fromBytes(new byte[] { 1, (byte) 0xff, (byte) 0xff, 0x7f, 1 }));
    }

    private record Distribution(String name, DoubleSupplier next) {
    }
}
