package io.github.grpcops.sample.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.github.grpcops.test.BenchmarkFigures;
import io.github.grpcops.test.BenchmarkFigures.ProcStat;

/**
 * CPU time by thread group, read from Linux's {@code /proc}: where a server's CPU per call goes (call
 * threads, event loops, the request-log writer, GC, JIT). Clock-tick resolution (10 ms), so only sums
 * over whole rounds mean anything; threads that exit between two readings are missing from the groups
 * but not from the process total, and never take their earlier CPU away from the threads that stay.
 * PostgreSQL's processes beside it: {@link BenchmarkFigures#postgresCpuNanos()}.
 */
final class ThreadCpu {

    /** The group of the PostgreSQL server's processes in a {@link ThreadCpuReport}. */
    static final String POSTGRES = "postgres (all processes)";

    /**
     * The group of the harness's own JVM in a {@link ThreadCpuReport}: the load generator, which shares its
     * CPUs with an embedded PostgreSQL, so the two rows together tell whether those CPUs were the limit.
     */
    static final String HARNESS = "the harness (load generator)";

    private static final Path PROC = Path.of("/proc");

    private ThreadCpu() {
    }

    /** CPU time a process has used so far, all its threads, where the platform reports it. */
    static OptionalLong processCpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(cpu -> OptionalLong.of(cpu.toNanos()))
            .orElse(OptionalLong.empty());
    }

    /** Whether this machine has a {@code /proc} to read. */
    static boolean available() {
        return Files.isDirectory(PROC.resolve("self/task"));
    }

    /** Each thread of that process by its id, with its name and CPU so far. */
    static Map<String, ProcStat> byThread(long pid) {
        Map<String, ProcStat> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(PROC.resolve(Long.toString(pid)).resolve("task"))) {
            tasks.forEach(task -> {
                ProcStat stat = BenchmarkFigures.procStat(task.resolve("stat"));
                if (stat != null) {
                    threads.put(task.getFileName().toString(), stat);
                }
            });
        }
        catch (NoSuchFileException ex) {
            // the process has exited: nothing to attribute
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return threads;
    }

    /**
     * CPU nanoseconds each thread group (see {@link #group}) spent between two readings, thread by thread: a
     * thread that started in between counts from zero, one that ended in between is missing.
     */
    static Map<String, Long> groupsSince(Map<String, ProcStat> before, Map<String, ProcStat> after) {
        Map<String, Long> groups = new HashMap<>();
        after.forEach((thread, stat) -> {
            ProcStat earlier = before.get(thread);
            groups.merge(group(stat.name()), stat.cpuNanos() - ((earlier != null) ? earlier.cpuNanos() : 0), Long::sum);
        });
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
