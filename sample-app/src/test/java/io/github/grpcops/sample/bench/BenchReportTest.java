package io.github.grpcops.sample.bench;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchReportTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** {@code calls} calls of 1, 2, ... {@code calls} ms in an interval of {@code seconds}; server CPU unknown. */
    private static Measurement measurement(int calls, double seconds, Map<String, Long> errors) {
        return measurement(calls, seconds, errors, OptionalLong.empty());
    }

    private static Measurement measurement(int calls, double seconds, Map<String, Long> errors,
            OptionalLong serverCpuNanos) {
        Histogram latencies = new Histogram(3);
        for (int i = 1; i <= calls; i++) {
            latencies.recordValue(TimeUnit.MILLISECONDS.toNanos(i));
        }
        return new Measurement(latencies, errors, (long) (seconds * SECOND), serverCpuNanos);
    }

    private static OptionalLong cpuMillis(long millis) {
        return OptionalLong.of(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void medianTakesTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        assertThat(BenchReport.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(BenchReport.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
        assertThat(BenchReport.median(List.of())).isNaN();
    }

    @Test
    void measurementGivesCallsPerSecondAndPercentilesInMilliseconds() {
        Measurement m = measurement(1000, 2.0, Map.of("UNAVAILABLE", 3L, "INTERNAL", 2L));

        assertThat(m.calls()).isEqualTo(1000);
        assertThat(m.callsPerSecond()).isEqualTo(500.0);
        assertThat(m.errorCount()).isEqualTo(5);
        // HdrHistogram with 3 significant digits: within 0.1% of the exact value
        assertThat(m.percentileMillis(50)).isCloseTo(500.0, within(0.5));
        assertThat(m.percentileMillis(99)).isCloseTo(990.0, within(1.0));
        assertThat(m.percentileMillis(99.9)).isCloseTo(999.0, within(1.0));
    }

    @Test
    void ratiosArePerRoundAgainstTheFirstConfiguration() {
        BenchReport report = new BenchReport(List.of("base", "other"));
        // round 1: 1000 vs 900 calls/s; round 2: 1000 vs 800 calls/s; round 3: 500 vs 450 calls/s
        report.add("base", measurement(1000, 1, Map.of()));
        report.add("other", measurement(900, 1, Map.of()));
        report.add("base", measurement(1000, 1, Map.of()));
        report.add("other", measurement(800, 1, Map.of()));
        report.add("base", measurement(500, 1, Map.of()));
        report.add("other", measurement(450, 1, Map.of()));

        List<Double> throughput = report.roundRatios("other", Measurement::callsPerSecond);
        assertThat(throughput).hasSize(3);
        assertThat(throughput.get(0)).isCloseTo(0.9, within(1e-9));
        assertThat(throughput.get(1)).isCloseTo(0.8, within(1e-9));
        assertThat(throughput.get(2)).isCloseTo(0.9, within(1e-9));
        assertThat(BenchReport.median(throughput)).isCloseTo(0.9, within(1e-9));
        assertThat(report.medianCallsPerSecond("base")).isEqualTo(1000.0);
        assertThat(report.medianCallsPerSecond("other")).isEqualTo(800.0);
        // latencies of all rounds together: 2500 calls for base
        assertThat(report.allLatencies("base").getTotalCount()).isEqualTo(2500);
    }

    @Test
    void renderedTableShowsNumbersRatiosErrorsAndMemory() {
        BenchReport report = new BenchReport(List.of("bare", "default"));
        // 100 us and 120 us of server CPU per call
        report.add("bare", measurement(1000, 1, Map.of(), cpuMillis(100)));
        report.add("default", measurement(950, 1, Map.of("RESOURCE_EXHAUSTED", 4L), cpuMillis(114)));
        report.peakRssKb("bare", OptionalLong.of(512 * 1024));
        report.peakRssKb("default", OptionalLong.of(563 * 1024));

        String table = report.render();

        assertThat(table).contains("| bare | 1 | 1000 | 500.")
            .contains("| default | 1 | 950 |")
            .contains("4 {RESOURCE_EXHAUSTED=4}")
            .contains("| 100.0 | 512 |")
            .contains("| 120.0 | 563 |")
            .contains("Ratios against bare")
            .contains("| default | 0.950 [0.950, 0.950] |")
            .contains("| 1.200 [1.200, 1.200] | 1.100 |");
    }

    @Test
    void singleConfigurationHasNoRatiosAndUnknownMemoryIsMarked() {
        BenchReport report = new BenchReport(List.of("default"));
        report.add("default", measurement(10, 1, Map.of()));

        assertThat(report.render()).doesNotContain("Ratios").contains("| n/a | n/a |");
    }

    @Test
    void serverCpuPerCallSumsCpuAndCallsOverRounds() {
        BenchReport report = new BenchReport(List.of("one"));
        report.add("one", measurement(1000, 1, Map.of(), cpuMillis(100)));
        report.add("one", measurement(3000, 1, Map.of(), cpuMillis(500)));

        // 600 ms over 4000 calls, not the mean of 100 and 166.7 us
        assertThat(report.serverCpuMicrosPerCall("one")).isCloseTo(150.0, within(1e-9));
        assertThat(measurement(10, 1, Map.of()).serverCpuMicrosPerCall()).isNaN();
    }
}
