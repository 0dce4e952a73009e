package io.github.grpcops.guide;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.grpcops.client.DynamicGrpcClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/getting-started.md, built from its own text as a new user would: every block marked
 * {@code <!-- file: … -->} written into an empty directory, built with Maven ({@code mvn package}, so the
 * guide's own test runs) against this build's grpc-ops artifacts (copied into a repository of its own,
 * see {@link GuideRepository}), its jar started with nothing but the guide's configuration, then
 * {@code /actuator/grpc} read over HTTP and the guide's method called over gRPC. The Gradle build is
 * checked by {@link GuideVersionsTest} only: there is no Gradle here.
 *
 * <p>It costs a Maven build and two application starts: about 2 minutes on the 2-core development
 * machine under load, so it runs with {@code mvn verify} (failsafe), not with {@code mvn test}.
 */
class GettingStartedGuideIT {

    private static final Path REACTOR = Path.of(System.getProperty("guide.reactor-root", "..")).toAbsolutePath()
        .normalize();

    private static final Path WORK = Path.of(System.getProperty("guide.work", "target/guide")).toAbsolutePath();

    private static final String VERSION = System.getProperty("guide.version", "0.1.0-SNAPSHOT");

    @Test
    void theGuidesApplicationBuildsFromTheGuidesTextPassesItsTestStartsAndAnswersOverHttpAndGrpc() throws Exception {
        Map<String, String> files = GuideFiles.read(REACTOR.resolve("docs/getting-started.md"));
        assertThat(files).containsKeys("pom.xml", "src/main/resources/application.yml",
                "src/test/java/com/example/greeter/GreeterServiceTest.java", "build.gradle");
        Path project = WORK.resolve("greeter");
        GuideRepository.deleteTree(project);
        GuideFiles.write(files, project);
        Path repository = WORK.resolve("repository");
        new GuideRepository(REACTOR, VERSION, repository).installReactorArtifacts();
        Path settings = GuideRepository.settings(WORK,
                Path.of(System.getProperty("guide.shared-repository", System.getProperty("user.home") + "/.m2/repository")));

        String build = run(project, WORK.resolve("build.log"), Duration.ofMinutes(15),
                System.getProperty("guide.maven", "mvn"), "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository, "package");
        assertThat(build).contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0").contains("BUILD SUCCESS");

        Path jar = project.resolve("target/greeter-0.0.1-SNAPSHOT.jar");
        Poms bom = Poms.parse(REACTOR.resolve("dependencies/pom.xml"));
        assertThat(versions(jar, "protobuf-java(-util)?")).as("protobuf versions packaged")
            .containsExactly(bom.text("properties/protobuf.version"));
        assertThat(versions(jar, "grpc-(api|core|netty-shaded|protobuf|services|stub|util)")).as("grpc-java versions")
            .containsExactly(bom.text("properties/grpc.version"));

        int http = freePort();
        int grpc = freePort();
        Path log = WORK.resolve("application.log");
        Process application = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--server.port=" + http, "--grpc.server.port=" + grpc)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        try {
            // The start-up report comes once the application is ready, right after "Started …".
            String started = awaitLine(application, log, "  /actuator/grpc: ", Duration.ofMinutes(3));
            assertThat(started).contains("grpc-ops:")
                .contains("request log: on (in H2 in memory")
                .contains("/actuator/grpc: /actuator/grpc on HTTP port " + http + ", read-only");
            assertThat(warnings(started)).as("WARN lines at start-up").isEmpty();

            HttpResponse<String> overview = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/actuator/grpc")).build(),
                        HttpResponse.BodyHandlers.ofString());
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains("\"greeter.v1.Greeter\"");

            try (DynamicGrpcClient client = DynamicGrpcClient.forAddress("127.0.0.1", grpc).build()) {
                assertThat(client.call("greeter.v1.Greeter/SayHello").request("{\"name\": \"Ada\"}").execute().single())
                    .contains("\"message\": \"Hello, Ada!\"");
            }
        }
        finally {
            application.destroy();
            if (!application.waitFor(30, TimeUnit.SECONDS)) {
                application.destroyForcibly();
            }
        }
    }

    /** Runs a command, its output in {@code log}; returns the output, failing with its end if the command does. */
    private static String run(Path directory, Path log, Duration timeout, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took longer than " + timeout + "; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s failed; the end of %s:%n%s", String.join(" ", command), log,
                output.substring(Math.max(0, output.length() - 6000))).isZero();
        return output;
    }

    /** The application's output once it printed {@code line}; fails if it exits or takes longer. */
    private static String awaitLine(Process process, Path log, String line, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains(line)) {
                return output;
            }
            if (!process.isAlive()) {
                throw new AssertionError("The application exited before '" + line + "':\n" + output);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No '" + line + "' within " + timeout + ":\n" + Files.readString(log));
    }

    private static List<String> warnings(String output) {
        List<String> warnings = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.contains(" WARN ")) {
                warnings.add(line);
            }
        }
        return warnings;
    }

    /** The versions of the libraries packaged in the jar whose names match {@code artifacts}. */
    private static Set<String> versions(Path jar, String artifacts) throws IOException {
        Pattern library = Pattern.compile("BOOT-INF/lib/(?:" + artifacts + ")-(\\d[^-]*(?:-[A-Za-z0-9.]+)?)\\.jar");
        Set<String> versions = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(entry -> {
                Matcher matcher = library.matcher(entry.getName());
                if (matcher.matches()) {
                    versions.add(matcher.group(matcher.groupCount()));
                }
            });
        }
        assertThat(versions).as("libraries %s in %s", artifacts, jar).isNotEmpty();
        return versions;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
