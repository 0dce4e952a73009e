package io.github.grpcops.sample.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.grpcops.test.BenchmarkFigures;

/**
 * CPU time by thread group, read from Linux's {@code /proc}: where a server's CPU per call goes (call
 * threads, event loops, the request-log writer, GC, JIT). Clock-tick resolution (10 ms), so only sums
 * over whole rounds mean anything; threads that exit between two readings are missing from the groups
 * but not from the process total. PostgreSQL's processes beside it: {@link BenchmarkFigures#postgresCpuNanos()}.
 */
final class ThreadCpu {

    /** The group of the PostgreSQL server's processes in a {@link ThreadCpuReport}. */
    static final String POSTGRES = "postgres (all processes)";

    private static final Path PROC = Path.of("/proc");

    private ThreadCpu() {
    }

    /** Whether this machine has a {@code /proc} to read. */
    static boolean available() {
        return Files.isDirectory(PROC.resolve("self/task"));
    }

    /** CPU nanoseconds so far of each thread group of that process (see {@link #group}). */
    static Map<String, Long> byThreadGroup(long pid) {
        Map<String, Long> groups = new HashMap<>();
        try (Stream<Path> tasks = Files.list(PROC.resolve(Long.toString(pid)).resolve("task"))) {
            tasks.map(task -> BenchmarkFigures.procStat(task.resolve("stat")))
                .filter(Objects::nonNull)
                .forEach(stat -> groups.merge(group(stat.name()), stat.cpuNanos(), Long::sum));
        }
        catch (NoSuchFileException ex) {
            // the process has exited: nothing to attribute
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return groups;
    }

    /**
     * A thread's group: its name without the numbers that tell pool members apart, so
     * {@code GC Thread#0} and {@code GC Thread#1} add up and {@code grpc-worker-12} joins {@code grpc-worker-3}.
     */
    static String group(String threadName) {
        String group = threadName.replaceAll("[#\\-_ ]?\\d+", "").strip();
        return group.isEmpty() ? threadName : group;
    }
}
