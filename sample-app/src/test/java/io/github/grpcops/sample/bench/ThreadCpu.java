package io.github.grpcops.sample.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time by thread group, read from Linux's {@code /proc}: where a server's CPU per call goes (call
 * threads, event loops, the request-log writer, GC, JIT), and how much the PostgreSQL processes used
 * beside it. Clock-tick resolution (10 ms), so only sums over whole rounds mean anything; threads that
 * exit between two readings are missing from the groups but not from the process total.
 */
final class ThreadCpu {

    /** The group of the PostgreSQL server's processes in {@link #postgresProcesses()}. */
    static final String POSTGRES = "postgres (all processes)";

    private static final Path PROC = Path.of("/proc");

    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

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
            tasks.forEach(task -> readStat(task)
                .ifPresent(stat -> groups.merge(group(stat.name()), stat.nanos(), Long::sum)));
        }
        catch (NoSuchFileException ex) {
            // the process has exited: nothing to attribute
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return groups;
    }

    /** CPU nanoseconds so far of all processes named {@code postgres} (the server and its backends). */
    static long postgresProcesses() {
        try (Stream<Path> processes = Files.list(PROC)) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                .flatMap(p -> readStat(p).stream())
                .filter(stat -> stat.name().equals("postgres"))
                .mapToLong(Stat::nanos)
                .sum();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A thread's group: its name without the numbers that tell pool members apart, so
     * {@code GC Thread#0} and {@code GC Thread#1} add up and {@code grpc-worker-12} joins {@code grpc-worker-3}.
     */
    static String group(String threadName) {
        String group = threadName.replaceAll("[#\\-_ ]?\\d+", "").strip();
        return group.isEmpty() ? threadName : group;
    }

    /** A {@code stat} line's name and user plus system CPU; empty if the task went away meanwhile. */
    private static Optional<Stat> readStat(Path task) {
        String line;
        try {
            line = Files.readString(task.resolve("stat"));
        }
        catch (IOException ex) {
            return Optional.empty();
        }
        // the name is in parentheses and may itself hold spaces or parentheses: the last ')' ends it
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String[] fields = line.substring(close + 2).split(" ");
        // after the name: state(0) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(11) stime(12)
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Optional.of(new Stat(line.substring(open + 1, close), ticks * NANOS_PER_TICK));
    }

    private record Stat(String name, long nanos) {
    }
}
