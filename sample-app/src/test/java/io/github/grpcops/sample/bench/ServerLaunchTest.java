package io.github.grpcops.sample.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLaunchTest {

    @Test
    void serverCommandFixesTheHeapBindsLoopbackAndPassesTheConfiguration() {
        BenchOptions options = BenchOptions.parse(new String[] { "--heap", "384m" }, Path.of("app.jar"),
                Path.of("out"));

        List<String> command = ServerProcess.command(Path.of("/jdk/bin/java"), options,
                BenchConfigurations.named("bare"), 41001, 41002, BenchPostgres.SERVER_ARGS);

        assertThat(command).startsWith("/jdk/bin/java", "-Xms384m", "-Xmx384m", "-XX:+UseG1GC", "-jar", "app.jar")
            .contains("--grpc.server.address=127.0.0.1", "--grpc.server.port=41001", "--server.address=127.0.0.1",
                    "--server.port=41002", "--spring.profiles.active=postgres",
                    "--grpc.console-log.enabled=false", "--grpc.request-id.enabled=false")
            .noneMatch(arg -> arg.toLowerCase().contains("password"));
    }

    @Test
    void serverCpusRunTheServerUnderTaskset() {
        BenchOptions options = BenchOptions.parse(new String[] { "--server-cpus", "0-1,3" }, Path.of("app.jar"),
                Path.of("out"));

        List<String> command = ServerProcess.command(Path.of("/jdk/bin/java"), options,
                BenchConfigurations.named("full"), 41001, 41002, List.of());

        assertThat(command).startsWith("taskset", "-c", "0-1,3", "/jdk/bin/java", "-Xms512m", "-Xmx512m",
                "-XX:+UseG1GC");
    }

    @Test
    void profilingRecordsEachServerIntoItsOwnFileBesideItsLog() {
        BenchOptions options = BenchOptions.parse(new String[] { "--profile" }, Path.of("app.jar"), Path.of("out"));

        List<String> command = ServerProcess.command(Path.of("/jdk/bin/java"), options,
                BenchConfigurations.named("full"), 41001, 41002, List.of());

        assertThat(command).containsSubsequence("-XX:StartFlightRecording=settings=profile,filename="
                + Path.of("out", "server-full.jfr").toAbsolutePath(), "-jar", "app.jar");
        assertThat(ServerProcess.command(Path.of("java"), BenchOptions.parse(new String[0], Path.of("app.jar"),
                Path.of("out")), BenchConfigurations.named("full"), 41001, 41002, List.of()))
            .noneMatch(arg -> arg.startsWith("-XX:StartFlightRecording"));
    }

    @Test
    void theRequestLogSummaryIsTheWritersLastStopLine() {
        Stream<String> log = Stream.of("2026-11-30T18:07:05Z  WARN ... Request log queue full (10000 rows)",
                "2026-11-30T18:09:00Z  INFO 1 --- [main] i.g.g.r.BatchingRequestLogWriter : Request log writer stopped: "
                        + "189571 rows written, 17930 dropped (queue full 17930, refused 0, at shutdown 0), 0 left "
                        + "unwritten, 0 failed batches");

        assertThat(ServerProcess.requestLogSummary(log)).contains("request log: 189571 rows written, 17930 dropped "
                + "(queue full 17930, refused 0, at shutdown 0), 0 left unwritten, 0 failed batches");
        assertThat(ServerProcess.requestLogSummary(Stream.of("Started SampleApplication"))).isEmpty();
    }

    @Test
    void peakRssIsReadFromVmHwm() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  654321 kB\nVmRSS:\t  600000 kB\n";

        assertThat(ServerProcess.peakRssKb(status)).hasValue(654321);
        assertThat(ServerProcess.peakRssKb("Name:\tjava\n")).isEmpty();
    }

    @Test
    void eachConfigurationGetsItsOwnSafeSchema() {
        assertThat(BenchPostgres.schemaName("jwt-cached")).isEqualTo("bench_jwt_cached");
        assertThat(BenchPostgres.schemaName("Bare")).isEqualTo("bench_bare");
        assertThat(BenchPostgres.withSchema("jdbc:postgresql://h:5/db", "bench_a"))
            .isEqualTo("jdbc:postgresql://h:5/db?currentSchema=bench_a");
        assertThat(BenchPostgres.withSchema("jdbc:postgresql://h:5/db?ssl=false", "bench_a"))
            .isEqualTo("jdbc:postgresql://h:5/db?ssl=false&currentSchema=bench_a");
    }
}
