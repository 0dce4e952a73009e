package io.github.grpcops.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** What the benchmark mains (not tests) of this module print beside their figures. */
public final class BenchmarkFigures {

    private BenchmarkFigures() {
    }

    /** The machine's load averages as {@code /proc/loadavg} gives them, or {@code n/a} where it is missing. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException ex) {
            return "n/a";
        }
    }

    /**
     * CPU used so far by every process named {@code postgres} (user and system time, clock ticks at the
     * usual 100 per second); 0 where {@code /proc} is missing.
     */
    public static long postgresCpuNanos() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                .map(process -> process.resolve("stat"))
                .map(BenchmarkFigures::procStat)
                .filter(stat -> stat != null && stat.name().equals("postgres"))
                .mapToLong(ProcStat::cpuNanos)
                .sum();
        }
        catch (IOException ex) {
            return 0;
        }
    }

    /**
     * A process's or thread's {@code /proc/.../stat} file: its name and CPU so far; {@code null} when it
     * ended meanwhile.
     */
    public static ProcStat procStat(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // the name is in parentheses and may itself hold spaces or parentheses: the last ')' ends it
            int end = stat.lastIndexOf(')');
            // after the name: state(0) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(11) stime(12)
            String[] fields = stat.substring(end + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return new ProcStat(stat.substring(stat.indexOf('(') + 1, end), ticks * 10_000_000L);
        }
        catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    /** A {@code stat} file's name and user plus system CPU in nanoseconds. */
    public record ProcStat(String name, long cpuNanos) {
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
