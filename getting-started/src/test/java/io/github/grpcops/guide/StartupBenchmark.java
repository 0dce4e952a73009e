package io.github.grpcops.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What grpc-ops costs a new application at start-up: the getting-started application (built from the
 * guide's text, as {@link GettingStartedGuideIT} builds it) against the same application on net.devh's
 * server starter alone (same proto, service and {@code application.yml}), and against itself with parts
 * of grpc-ops switched off, each started {@code --rounds} times in turn (A, B, C, A, B, C …) with the
 * same heap limit. Per start: time to Spring Boot's "Started" line (the JVM's uptime then), the CPU time
 * the process used until then, its resident memory 3 s later, and its log lines and WARN lines by
 * then; reported as medians, and as ratios against the first configuration.
 *
 * <p>{@code getting-started/startup-bench.sh [--rounds N] [--heap SIZE] [--jar NAME=PATH ...]
 * [--variant NAME=--a=b;--c=d ...]}: {@code --jar} adds a configuration running another jar of the same
 * application (e.g. one built against an older grpc-ops) with its defaults, {@code --variant} one running
 * the grpc-ops application with more arguments.
 */
public final class StartupBenchmark {

    private static final Pattern STARTED = Pattern
        .compile("Started \\S+ in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        String heap = "512m";
        Map<String, Path> extraJars = new LinkedHashMap<>();
        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--jar" -> {
                    String[] named = args[++i].split("=", 2);
                    extraJars.put(named[0], Path.of(named[1]).toAbsolutePath());
                }
                case "--variant" -> {
                    String[] named = args[++i].split("=", 2);
                    variants.put(named[0], List.of(named[1].split(";")));
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; usage: [--rounds N] [--heap SIZE] [--jar NAME=PATH ...] [--variant NAME=--a=b;--c=d ...]");
            }
        }
        Path work = Path.of(System.getProperty("guide.work", "target/guide")).toAbsolutePath().resolve("startup");
        GuideBuild maven = GuideBuild.prepare(work);
        Map<String, String> guide = GuideBuild.guideFiles();
        Path grpcOps = jar(maven, maven.project("greeter", guide));
        Path netDevh = jar(maven, maven.project("greeter-devh", netDevhOnly(guide)));

        List<Configuration> configurations = new ArrayList<>(List.of(
                new Configuration("net.devh", "the same application on net.devh's server starter alone: no web server, "
                        + "no Actuator, no database", netDevh, List.of()),
                new Configuration("grpc-ops", "the getting-started application: grpc-ops' starter with its defaults",
                        grpcOps, List.of()),
                new Configuration("request-log-off", "grpc-ops, grpc.request-log.enabled=false", grpcOps,
                        List.of("--grpc.request-log.enabled=false")),
                new Configuration("no-web-server", "grpc-ops, spring.main.web-application-type=none (gRPC only)",
                        grpcOps, List.of("--spring.main.web-application-type=none")),
                new Configuration("no-database", "grpc-ops without a DataSource: no request log, status, API keys, JPA",
                        grpcOps, List.of("--spring.autoconfigure.exclude="
                                + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"))));
        extraJars.forEach((name, jar) -> configurations.add(new Configuration(name, jar.toString(), jar, List.of())));
        variants.forEach((name, arguments) -> configurations.add(new Configuration(name,
                "grpc-ops, " + String.join(" ", arguments), grpcOps, arguments)));

        Map<String, List<Start>> starts = new LinkedHashMap<>();
        configurations.forEach(configuration -> starts.put(configuration.name(), new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            for (Configuration configuration : configurations) {
                Start start = measure(configuration, heap, work.resolve("logs"), round);
                starts.get(configuration.name()).add(start);
                System.out.printf(Locale.ROOT, "round %d %-16s started %.2f s, cpu %.2f s, rss %d MB, %d lines, %d WARN%n",
                        round, configuration.name(), start.seconds(), start.cpuSeconds(), start.residentMegabytes(),
                        start.logLines(), start.warnLines());
            }
        }
        String report = report(configurations, starts, rounds, heap);
        System.out.println(report);
        Files.writeString(work.resolve("report.md"), report, StandardCharsets.UTF_8);
    }

    private static Path jar(GuideBuild maven, Path project) throws Exception {
        maven.maven(project, "-q", "package", "-DskipTests");
        try (Stream<Path> jars = Files.list(project.resolve("target"))) {
            return jars.filter(path -> path.toString().endsWith("-SNAPSHOT.jar")).findFirst().orElseThrow();
        }
    }

    /** The guide's application with net.devh's server starter instead of grpc-ops' (pinned as the BOM would). */
    static Map<String, String> netDevhOnly(Map<String, String> guide) throws Exception {
        String netDevh = Poms.parse(GuideBuild.REACTOR.resolve("pom.xml")).text("properties/grpc-spring.version");
        String pom = guide.get("pom.xml")
            .replace("<artifactId>greeter</artifactId>", "<artifactId>greeter-devh</artifactId>")
            .replaceFirst("(?s)<dependencyManagement>.*?</dependencyManagement>", Matcher.quoteReplacement("""
                    <dependencyManagement>
                        <dependencies>
                          <dependency>
                            <groupId>io.grpc</groupId>
                            <artifactId>grpc-bom</artifactId>
                            <version>${grpc.version}</version>
                            <type>pom</type>
                            <scope>import</scope>
                          </dependency>
                          <dependency>
                            <groupId>com.google.protobuf</groupId>
                            <artifactId>protobuf-bom</artifactId>
                            <version>${protobuf.version}</version>
                            <type>pom</type>
                            <scope>import</scope>
                          </dependency>
                        </dependencies>
                      </dependencyManagement>"""))
            .replaceFirst("(?s)(</dependencyManagement>\\s*)<dependencies>.*?</dependencies>", """
                    $1<dependencies>
                        <dependency>
                          <groupId>net.devh</groupId>
                          <artifactId>grpc-server-spring-boot-starter</artifactId>
                          <version>%s</version>
                        </dependency>
                      </dependencies>""".formatted(netDevh));
        Map<String, String> files = new LinkedHashMap<>();
        guide.forEach((path, content) -> {
            if (!path.startsWith("src/test/") && !path.endsWith(".gradle")) {
                files.put(path, path.equals("pom.xml") ? pom : content);
            }
        });
        return files;
    }

    private static Start measure(Configuration configuration, String heap, Path logs, int round) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + ApplicationProcess.freePort(),
                "--grpc.server.port=" + ApplicationProcess.freePort(), "--spring.main.banner-mode=off"));
        arguments.addAll(configuration.arguments());
        Path log = logs.resolve(configuration.name() + "-" + round + ".log");
        try (ApplicationProcess application = ApplicationProcess.start(configuration.jar(), log,
                List.of("-Xmx" + heap), arguments)) {
            String output = application.awaitLine("(process running for ", Duration.ofMinutes(5));
            double cpu = application.cpuSeconds();
            Matcher started = STARTED.matcher(output);
            if (!started.find()) {
                throw new IllegalStateException("No start time in " + log);
            }
            Thread.sleep(3000);
            long rss = application.residentMegabytes();
            String settled = application.output();
            List<String> lines = settled.lines().filter(line -> !line.isBlank()).toList();
            return new Start(Double.parseDouble(started.group(1)), cpu, rss, lines.size(),
                    (int) lines.stream().filter(line -> line.contains(" WARN ")).count());
        }
    }

    private static String report(List<Configuration> configurations, Map<String, List<Start>> starts, int rounds,
            String heap) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%d rounds, -Xmx%s, load average before the report: %s%n%n", rounds,
                heap, loadAverage()));
        out.append("| configuration | started (s, median) | CPU until started (s) | RSS 3 s after (MB) | log lines | "
                + "WARN lines | what it is |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        Start base = null;
        for (Configuration configuration : configurations) {
            Start median = Start.median(starts.get(configuration.name()));
            base = (base != null) ? base : median;
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d | %d | %d | %s |%n", configuration.name(),
                    median.seconds(), median.cpuSeconds(), median.residentMegabytes(), median.logLines(),
                    median.warnLines(), configuration.description()));
        }
        out.append("\n| configuration | started ratio | CPU ratio | RSS ratio |\n| --- | ---: | ---: | ---: |\n");
        for (Configuration configuration : configurations.subList(1, configurations.size())) {
            Start median = Start.median(starts.get(configuration.name()));
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", configuration.name(),
                    median.seconds() / base.seconds(), median.cpuSeconds() / base.cpuSeconds(),
                    (double) median.residentMegabytes() / base.residentMegabytes()));
        }
        return out.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException ex) {
            return "unknown";
        }
    }

    /** A configuration: a jar and the arguments it starts with. */
    record Configuration(String name, String description, Path jar, List<String> arguments) {
    }

    /** One start, measured. */
    record Start(double seconds, double cpuSeconds, long residentMegabytes, int logLines, int warnLines) {

        /** The median of each figure, separately. */
        static Start median(List<Start> starts) {
            return new Start(median(starts.stream().mapToDouble(Start::seconds).toArray()),
                    median(starts.stream().mapToDouble(Start::cpuSeconds).toArray()),
                    Math.round(median(starts.stream().mapToDouble(Start::residentMegabytes).toArray())),
                    (int) Math.round(median(starts.stream().mapToDouble(Start::logLines).toArray())),
                    (int) Math.round(median(starts.stream().mapToDouble(Start::warnLines).toArray())));
        }

        private static double median(double[] values) {
            double[] sorted = Arrays.stream(values).sorted().toArray();
            int middle = sorted.length / 2;
            return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
