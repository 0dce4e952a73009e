package io.github.grpcops.guide;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A built application running in its own JVM ({@code java -jar}), its output in a log file: started,
 * awaited until it prints a line, measured (CPU time and resident memory, Linux only), stopped.
 */
final class ApplicationProcess implements AutoCloseable {

    private final Process process;

    private final Path log;

    private ApplicationProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ApplicationProcess start(Path jar, Path log, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(jar.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        return new ApplicationProcess(process, log);
    }

    /** The output once it holds {@code line}; fails if the application exits first or takes longer. */
    String awaitLine(String line, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String output = output();
            if (output.contains(line)) {
                return output;
            }
            if (!this.process.isAlive()) {
                throw new IllegalStateException("The application exited before '" + line + "':\n" + output);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("No '" + line + "' within " + timeout + ":\n" + output());
    }

    String output() throws IOException {
        return Files.readString(this.log, StandardCharsets.UTF_8);
    }

    /** CPU time the process used so far, all threads (utime + stime of /proc/[pid]/stat). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(this.process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Resident memory now, in MB ({@code VmRSS} of /proc/[pid]/status). */
    long residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("No VmRSS for process " + this.process.pid());
    }

    /** Stops it as a service manager would (SIGTERM), forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
