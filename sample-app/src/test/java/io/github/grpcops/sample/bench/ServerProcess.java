package io.github.grpcops.sample.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;

/**
 * The sample app in its own JVM (so the load generator's garbage collection and threads do not run in
 * the server's process), with a fixed heap, on free loopback ports, its output in a log file.
 */
final class ServerProcess implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final String configuration;

    private final Process process;

    private final int grpcPort;

    private final Path log;

    private ServerProcess(String configuration, Process process, int grpcPort, Path log) {
        this.configuration = configuration;
        this.process = process;
        this.grpcPort = grpcPort;
        this.log = log;
    }

    /**
     * Starts the server and returns once its gRPC health service answers SERVING.
     * @param env extra environment (the PostgreSQL connection), never on the command line
     */
    static ServerProcess start(BenchOptions options, BenchConfiguration configuration, List<String> extraArgs,
            Map<String, String> env, Duration startupTimeout) throws IOException, InterruptedException {
        int grpcPort = freePort();
        int httpPort = freePort();
        Files.createDirectories(options.outputDir());
        Path log = options.outputDir().resolve("server-" + configuration.name() + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                command(java, options, configuration, grpcPort, httpPort, extraArgs))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(configuration.name(), builder.start(), grpcPort, log);
        try {
            server.awaitServing(startupTimeout);
            return server;
        }
        catch (IOException | InterruptedException | RuntimeException ex) {
            server.close();
            throw ex;
        }
    }

    /**
     * The server's command line: fixed heap, G1 (the JVM's own choice on a server, named so that a server
     * pinned to one CPU does not fall back to the serial collector), loopback only, the configuration's
     * properties as arguments; under {@code taskset} when the server is to run on CPUs of its own.
     */
    static List<String> command(Path java, BenchOptions options, BenchConfiguration configuration, int grpcPort,
            int httpPort, List<String> extraArgs) {
        List<String> command = new ArrayList<>();
        if (options.serverCpus() != null) {
            command.addAll(List.of("taskset", "-c", options.serverCpus()));
        }
        command.addAll(List.of(java.toString(), "-Xms" + options.serverHeap(), "-Xmx" + options.serverHeap(),
                "-XX:+UseG1GC"));
        if (options.profile()) {
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + options.outputDir().resolve("server-" + configuration.name() + ".jfr").toAbsolutePath());
        }
        command.addAll(List.of("-jar", options.serverJar().toString(), "--grpc.server.address=" + LOOPBACK,
                "--grpc.server.port=" + grpcPort, "--server.address=" + LOOPBACK, "--server.port=" + httpPort,
                "--spring.main.banner-mode=off"));
        command.addAll(extraArgs);
        configuration.properties().forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    String configuration() {
        return this.configuration;
    }

    long pid() {
        return this.process.pid();
    }

    /** A plaintext channel to the server over loopback; callbacks run on the transport thread (they never block). */
    ManagedChannel channel() {
        return Grpc.newChannelBuilderForAddress(LOOPBACK, this.grpcPort, InsecureChannelCredentials.create())
            .directExecutor()
            .build();
    }

    /** CPU time the server's process has used so far, all threads (GC and JIT included). */
    OptionalLong cpuNanos() {
        return ThreadCpu.processCpuNanos(this.process.toHandle());
    }

    /** The most resident memory the server's process has used so far (Linux only). */
    OptionalLong peakRssKb() {
        try {
            return peakRssKb(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
        }
        catch (IOException ex) {
            return OptionalLong.empty();
        }
    }

    /** {@code VmHWM} of a {@code /proc/<pid>/status} text, in kB. */
    static OptionalLong peakRssKb(String procStatus) {
        return procStatus.lines()
            .filter(line -> line.startsWith("VmHWM:"))
            .map(line -> line.substring("VmHWM:".length()).replace("kB", "").trim())
            .mapToLong(Long::parseLong)
            .findFirst();
    }

    /** Stops the server: graceful first, forcibly when it does not exit in time. */
    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The request-log writer's line at shutdown ("Request log writer stopped: … rows written, … dropped …"). */
    Optional<String> requestLogSummary() {
        try (Stream<String> lines = Files.lines(this.log)) {
            return requestLogSummary(lines);
        }
        catch (IOException | UncheckedIOException ex) {
            return Optional.empty();
        }
    }

    static Optional<String> requestLogSummary(Stream<String> logLines) {
        String marker = "Request log writer stopped: ";
        return logLines.filter(line -> line.contains(marker))
            .reduce((first, last) -> last)
            .map(line -> "request log: " + line.substring(line.indexOf(marker) + marker.length()));
    }

    private void awaitServing(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ManagedChannel channel = channel();
        try {
            while (System.nanoTime() < deadline) {
                if (!this.process.isAlive()) {
                    throw new IllegalStateException("Server '" + this.configuration + "' exited with "
                            + this.process.exitValue() + "; last lines of " + this.log + ":\n" + tail());
                }
                try {
                    ServingStatus status = HealthGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(2, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance())
                        .getStatus();
                    if (status == ServingStatus.SERVING) {
                        return;
                    }
                }
                catch (StatusRuntimeException notYet) {
                    // still starting
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("Server '" + this.configuration + "' not serving after " + timeout
                    + "; see " + this.log + ":\n" + tail());
        }
        finally {
            channel.shutdownNow();
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(this.log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
