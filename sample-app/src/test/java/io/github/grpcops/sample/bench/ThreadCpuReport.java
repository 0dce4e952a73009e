package io.github.grpcops.sample.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.grpcops.test.BenchmarkFigures;
import io.github.grpcops.test.BenchmarkFigures.ProcStat;

/**
 * Server CPU per call by thread group, and the PostgreSQL processes' and the harness's own CPU per call, summed
 * over the measured rounds of each configuration: a table with a column per configuration, so the
 * configurations' extra CPU shows where it is spent.
 */
final class ThreadCpuReport {

    /** Groups under this many microseconds per call in every configuration are summed into one row. */
    private static final double SMALL = 0.5;

    private final Map<String, Map<String, Long>> nanos = new LinkedHashMap<>();

    private final Map<String, Long> calls = new HashMap<>();

    ThreadCpuReport(List<String> configurations) {
        configurations.forEach(name -> this.nanos.put(name, new HashMap<>()));
    }

    /** A measured round. */
    interface Round {

        Measurement run() throws InterruptedException;
    }

    /** Runs one measured round and adds its CPU by group, read before and after it (where there is a /proc). */
    Measurement round(String configuration, long pid, Round round) throws InterruptedException {
        if (!ThreadCpu.available()) {
            return round.run();
        }
        Map<String, ProcStat> before = ThreadCpu.byThread(pid);
        long postgresBefore = BenchmarkFigures.postgresCpuNanos();
        // read next to the round, so that the harness's own /proc reading stays out of its row
        long harnessBefore = harnessCpuNanos();
        Measurement measured = round.run();
        long harnessAfter = harnessCpuNanos();
        Map<String, Long> sums = this.nanos.get(configuration);
        ThreadCpu.groupsSince(before, ThreadCpu.byThread(pid))
            .forEach((group, spent) -> sums.merge(group, spent, Long::sum));
        sums.merge(ThreadCpu.POSTGRES, BenchmarkFigures.postgresCpuNanos() - postgresBefore, Long::sum);
        sums.merge(ThreadCpu.HARNESS, harnessAfter - harnessBefore, Long::sum);
        this.calls.merge(configuration, measured.calls(), Long::sum);
        return measured;
    }

    String render() {
        Set<String> groups = new TreeSet<>();
        this.nanos.values().forEach(sums -> groups.addAll(sums.keySet()));
        groups.remove(ThreadCpu.POSTGRES);
        groups.remove(ThreadCpu.HARNESS);
        StringBuilder out = new StringBuilder("| CPU us/call by thread group |");
        this.nanos.keySet().forEach(name -> out.append(' ').append(name).append(" |"));
        out.append("\n| --- |").append(" ---: |".repeat(this.nanos.size())).append('\n');
        Map<String, Double> rest = new LinkedHashMap<>();
        for (String group : groups) {
            Map<String, Double> row = perCallRow(group);
            if (row.values().stream().allMatch(value -> value < SMALL)) {
                row.forEach((name, value) -> rest.merge(name, value, Double::sum));
            }
            else {
                appendRow(out, group, row);
            }
        }
        appendRow(out, "other threads (each < " + SMALL + ")", rest);
        appendRow(out, ThreadCpu.POSTGRES, perCallRow(ThreadCpu.POSTGRES));
        appendRow(out, ThreadCpu.HARNESS, perCallRow(ThreadCpu.HARNESS));
        return out.toString();
    }

    private static long harnessCpuNanos() {
        return ThreadCpu.processCpuNanos(ProcessHandle.current()).orElse(0L);
    }

    /** The group's microseconds per call, by configuration. */
    private Map<String, Double> perCallRow(String group) {
        Map<String, Double> row = new LinkedHashMap<>();
        this.nanos.forEach((name, sums) -> row.put(name, perCall(name, sums.getOrDefault(group, 0L))));
        return row;
    }

    private double perCall(String configuration, long nanos) {
        long made = this.calls.getOrDefault(configuration, 0L);
        return made > 0 ? nanos / 1e3 / made : Double.NaN;
    }

    private void appendRow(StringBuilder out, String group, Map<String, Double> row) {
        out.append("| ").append(group).append(" |");
        this.nanos.keySet()
            .forEach(name -> out.append(String.format(Locale.ROOT, " %.1f |", row.getOrDefault(name, 0.0))));
        out.append('\n');
    }
}
