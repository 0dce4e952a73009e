package io.github.grpcops.sample.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.HdrHistogram.Histogram;

/**
 * Collects the rounds of a run and renders them: per configuration the median calls/s over rounds, the
 * latency percentiles over all measured calls and the server CPU per call; per configuration after the
 * first, the median of the per-round ratios against the first (a round measures them back to back, so
 * drift from other load on the machine cancels out better than in a ratio of totals).
 */
final class BenchReport {

    private final Map<String, List<Measurement>> rounds = new LinkedHashMap<>();

    private final Map<String, OptionalLong> peakRssKb = new LinkedHashMap<>();

    BenchReport(List<String> configurations) {
        configurations.forEach(name -> {
            this.rounds.put(name, new ArrayList<>());
            this.peakRssKb.put(name, OptionalLong.empty());
        });
    }

    void add(String configuration, Measurement measurement) {
        this.rounds.get(configuration).add(measurement);
    }

    void peakRssKb(String configuration, OptionalLong kb) {
        this.peakRssKb.put(configuration, kb);
    }

    /** Median over rounds of this configuration's calls/s. */
    double medianCallsPerSecond(String configuration) {
        return median(this.rounds.get(configuration).stream().map(Measurement::callsPerSecond).toList());
    }

    /** Server CPU time over all rounds divided by the calls of all rounds, in microseconds (NaN if unknown). */
    double serverCpuMicrosPerCall(String configuration) {
        List<Measurement> measured = this.rounds.get(configuration);
        if (measured.isEmpty() || measured.stream().anyMatch(m -> m.serverCpuNanos().isEmpty())) {
            return Double.NaN;
        }
        long cpu = measured.stream().mapToLong(m -> m.serverCpuNanos().getAsLong()).sum();
        long calls = measured.stream().mapToLong(Measurement::calls).sum();
        return cpu / 1e3 / calls;
    }

    /** Every measured call of this configuration in one histogram. */
    Histogram allLatencies(String configuration) {
        Histogram all = new Histogram(3);
        this.rounds.get(configuration).forEach(m -> all.add(m.latencies()));
        return all;
    }

    /** Per-round ratios of a value, this configuration over the baseline. */
    List<Double> roundRatios(String configuration, ToDoubleFunction<Measurement> value) {
        List<Measurement> baseline = this.rounds.get(baseline());
        List<Measurement> measured = this.rounds.get(configuration);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(baseline.size(), measured.size()); i++) {
            ratios.add(value.applyAsDouble(measured.get(i)) / value.applyAsDouble(baseline.get(i)));
        }
        return ratios;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| configuration | rounds | calls/s (median) | p50 ms | p99 ms | p99.9 ms | max ms | errors "
                + "| server CPU us/call | server peak RSS MB |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        this.rounds.forEach((name, measured) -> {
            Histogram all = allLatencies(name);
            out.append(format("| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |%n", name,
                    measured.size(), medianCallsPerSecond(name), Measurement.millis(all, 50),
                    Measurement.millis(all, 99), Measurement.millis(all, 99.9), all.getMaxValue() / 1e6,
                    errors(measured), cpu(serverCpuMicrosPerCall(name)), rssMb(this.peakRssKb.get(name))));
        });
        if (this.rounds.size() > 1) {
            out.append('\n').append("Ratios against ").append(baseline())
                .append(" (median of per-round ratios, [min, max]):\n\n");
            out.append("| configuration | calls/s ratio | p99 ratio | server CPU/call ratio | peak RSS ratio |\n");
            out.append("| --- | ---: | ---: | ---: | ---: |\n");
            this.rounds.keySet().stream().skip(1).forEach(name -> out.append(format("| %s | %s | %s | %s | %s |%n",
                    name, spread(roundRatios(name, Measurement::callsPerSecond)),
                    spread(roundRatios(name, m -> m.percentileMillis(99))),
                    spread(roundRatios(name, Measurement::serverCpuMicrosPerCall)), rssRatio(name))));
        }
        return out.toString();
    }

    /** Median of the values; the mean of the middle two when their number is even. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private String baseline() {
        return this.rounds.keySet().iterator().next();
    }

    private static String spread(List<Double> ratios) {
        if (ratios.isEmpty() || ratios.stream().anyMatch(ratio -> ratio.isNaN())) {
            return "n/a";
        }
        return format("%.3f [%.3f, %.3f]", median(ratios), ratios.stream().min(Double::compare).orElseThrow(),
                ratios.stream().max(Double::compare).orElseThrow());
    }

    private String rssRatio(String name) {
        OptionalLong measured = this.peakRssKb.get(name);
        OptionalLong base = this.peakRssKb.get(baseline());
        return (measured.isPresent() && base.isPresent() && base.getAsLong() > 0)
                ? format("%.3f", measured.getAsLong() / (double) base.getAsLong()) : "n/a";
    }

    private static String errors(List<Measurement> measured) {
        Map<String, Long> byCode = new TreeMap<>();
        measured.forEach(m -> m.errors().forEach((code, count) -> byCode.merge(code, count, Long::sum)));
        long total = byCode.values().stream().mapToLong(Long::longValue).sum();
        return (total == 0) ? "0" : total + " " + byCode;
    }

    private static String cpu(double microsPerCall) {
        return Double.isNaN(microsPerCall) ? "n/a" : format("%.1f", microsPerCall);
    }

    private static String rssMb(OptionalLong kb) {
        return kb.isPresent() ? format("%.0f", kb.getAsLong() / 1024.0) : "n/a";
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
