package io.github.grpcops.sample.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import static io.github.grpcops.test.BenchmarkFigures.loadAverage;

/**
 * The benchmark harness (docs/benchmarks.md): starts the sample app once per configuration, each in its
 * own JVM, warms each up, then measures them in alternating rounds and prints a table with ratios
 * against the first configuration.
 */
public final class Benchmark {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private final BenchOptions options;

    private final List<ServerProcess> servers = new CopyOnWriteArrayList<>();

    private Benchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        List<String> flags = Arrays.asList(args);
        if (flags.contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        if (flags.contains("--list")) {
            BenchConfigurations.all().values().forEach(c -> System.out.printf(Locale.ROOT,
                    "%-12s %s%n             properties %s%s%n", c.name(), c.description(), c.properties(),
                    c.headers().isEmpty() ? "" : ", headers " + c.headers().keySet()));
            return;
        }
        BenchOptions options;
        try {
            String jar = System.getProperty("bench.server-jar");
            options = BenchOptions.parse(args, (jar != null) ? Path.of(jar) : null,
                    Path.of(System.getProperty("bench.output-dir", "target/bench")));
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        // exec:exec leaves its child running when Maven is killed: follow the parent out, so the
        // shutdown hook stops the servers
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("Parent process " + parent.pid() + " exited; stopping the servers");
            System.exit(1);
        }));
        int status = 0;
        try {
            new Benchmark(options).run();
        }
        catch (IllegalStateException ex) {
            // ours: the message says what went wrong and where the server log is
            System.err.println("Benchmark failed: " + ex.getMessage());
            status = 1;
        }
        catch (Exception ex) {
            System.err.println("Benchmark failed: " + ex);
            ex.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(this.options.serverJar())) {
            throw new IllegalStateException("No sample app jar at " + this.options.serverJar()
                    + ": build it first (mvn -pl sample-app -am package -DskipTests) or use the Maven profile");
        }
        Thread cleanup = new Thread(() -> this.servers.forEach(ServerProcess::close), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<ManagedChannel> channels = new ArrayList<>();
        try {
            printSetup();
            List<LoadGenerator> generators = startServers(channels);
            BenchReport report = new BenchReport(this.options.configurations());
            ThreadCpuReport threads = new ThreadCpuReport(this.options.configurations());
            measure(generators, report, threads);
            this.servers.forEach(server -> report.peakRssKb(server.configuration(), server.peakRssKb()));
            System.out.println();
            System.out.print(report.render());
            if (ThreadCpu.available()) {
                System.out.printf("%nWhere the CPU went (measured rounds; PostgreSQL's processes beside the "
                        + "server):%n%s", threads.render());
            }
            System.out.printf("%nServer logs in %s; load average after: %s%n", this.options.outputDir(), loadAverage());
            stopAndReportRequestLogs();
        }
        finally {
            channels.forEach(ManagedChannel::shutdownNow);
            this.servers.forEach(ServerProcess::close);
            this.servers.clear();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private List<LoadGenerator> startServers(List<ManagedChannel> channels) throws Exception {
        BenchPostgres postgres = this.options.postgres() ? new BenchPostgres() : null;
        if (postgres != null) {
            System.out.println("PostgreSQL: " + postgres.source());
        }
        List<LoadGenerator> generators = new ArrayList<>();
        for (String name : this.options.configurations()) {
            BenchConfiguration configuration = BenchConfigurations.named(name);
            long started = System.nanoTime();
            ServerProcess server = ServerProcess.start(this.options, configuration,
                    (postgres != null) ? BenchPostgres.SERVER_ARGS : List.of(),
                    (postgres != null) ? postgres.freshSchemaFor(name) : Map.of(), STARTUP_TIMEOUT);
            this.servers.add(server);
            System.out.printf(Locale.ROOT, "started %-12s pid %d in %.1f s%n", name, server.pid(),
                    (System.nanoTime() - started) / 1e9);
            ManagedChannel channel = server.channel();
            channels.add(channel);
            Channel withHeaders = ClientInterceptors.intercept(channel,
                    MetadataUtils.newAttachHeadersInterceptor(headers(configuration)));
            probe(name, withHeaders);
            generators.add(new LoadGenerator(withHeaders, this.options.method(), this.options.callers(),
                    this.options.rate()));
        }
        return generators;
    }

    /**
     * Stops the servers, then prints what each one's request-log writer said when it stopped: rows
     * written and dropped over the whole run (warm-up included). A configuration that dropped rows did
     * less work than one that wrote them all, which its ratios do not show.
     */
    private void stopAndReportRequestLogs() {
        System.out.println();
        for (ServerProcess server : this.servers) {
            server.close();
            System.out.printf("%-15s %s%n", server.configuration(),
                    server.requestLogSummary().orElse("request log off (no writer line in its log)"));
        }
    }

    private void measure(List<LoadGenerator> generators, BenchReport report, ThreadCpuReport threads)
            throws InterruptedException {
        List<String> names = this.options.configurations();
        List<ServerProcess> servers = List.copyOf(this.servers);
        if (!this.options.warmup().isZero()) {
            for (int i = 0; i < names.size(); i++) {
                Measurement warm = generators.get(i).warmUp(this.options.warmup(), servers.get(i)::cpuNanos);
                System.out.printf(Locale.ROOT, "warm-up %-12s %8.0f calls/s  p99 %7.2f ms  errors %d%n", names.get(i),
                        warm.callsPerSecond(), warm.percentileMillis(99), warm.errorCount());
            }
        }
        for (int round = 1; round <= this.options.rounds(); round++) {
            for (int i = 0; i < names.size(); i++) {
                LoadGenerator generator = generators.get(i);
                ServerProcess server = servers.get(i);
                Measurement measured = threads.round(server.configuration(), server.pid(),
                        () -> generator.run(this.options.roundTime(), server::cpuNanos));
                report.add(names.get(i), measured);
                System.out.printf(Locale.ROOT, "round %d/%d %-12s %8.0f calls/s  p50 %6.2f ms  p99 %7.2f ms  "
                        + "server CPU %6.1f us/call  errors %s%n", round, this.options.rounds(), names.get(i),
                        measured.callsPerSecond(), measured.percentileMillis(50), measured.percentileMillis(99),
                        measured.serverCpuMicrosPerCall(), measured.errors());
            }
        }
    }

    /** One call before any load, so a misconfigured server or credential fails fast with its status. */
    private void probe(String name, Channel channel) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        this.options.method().start(channel, new StreamObserver<>() {
            @Override
            public void onNext(Object value) {
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            Status status = Status.fromThrowable(ex.getCause());
            throw new IllegalStateException("Configuration '" + name + "': " + this.options.method().methodName()
                    + " failed with " + status.getCode() + ": " + status.getDescription());
        }
    }

    private static Metadata headers(BenchConfiguration configuration) {
        Metadata headers = new Metadata();
        configuration.headers()
            .forEach((key, value) -> headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value));
        return headers;
    }

    private void printSetup() {
        BenchOptions o = this.options;
        System.out.printf(Locale.ROOT, "grpc-ops benchmark %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.printf(Locale.ROOT, "machine: %d cores (%s), %s %s, Java %s; load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), loadAverage());
        String load = (o.rate() > 0) ? "open loop at " + o.rate() + " calls/s" : o.callers() + " callers";
        System.out.printf(Locale.ROOT, "method %s, %s, warm-up %s per server, %d rounds x %s, server heap %s,"
                + " database %s%n", o.method().description(), load, o.warmup().toSeconds() + "s", o.rounds(),
                o.roundTime().toMillis() + "ms", o.serverHeap(), o.postgres() ? "PostgreSQL" : "H2 (in memory)");
        if (o.serverCpus() != null) {
            System.out.printf(Locale.ROOT, "servers on CPUs %s; the harness (the load generator and an embedded "
                    + "PostgreSQL) on CPUs %s%n", o.serverCpus(), allowedCpus());
        }
        o.configurations().forEach(name -> {
            BenchConfiguration c = BenchConfigurations.named(name);
            System.out.printf(Locale.ROOT, "  %-12s %s %s%s%n", name, c.description(), c.properties(),
                    c.headers().isEmpty() ? "" : " headers " + c.headers().keySet());
        });
    }

    /** The CPUs this process may run on, as {@code taskset} set them (its children inherit them). */
    private static String allowedCpus() {
        return procField("/proc/self/status", "Cpus_allowed_list", "unknown");
    }

    private static String cpuModel() {
        return procField("/proc/cpuinfo", "model name", "unknown CPU");
    }

    /** The value of the first {@code name: value} line of a /proc file. */
    private static String procField(String file, String name, String unknown) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(name))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse(unknown);
        }
        catch (IOException ex) {
            return unknown;
        }
    }
}
