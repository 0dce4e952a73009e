package io.github.grpcops.guide;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    private static final Path WORK = Path.of(System.getProperty("guide.work", "target/guide")).toAbsolutePath();

    @Test
    void theGuidesApplicationBuildsFromTheGuidesTextPassesItsTestStartsAndAnswersOverHttpAndGrpc() throws Exception {
        Map<String, String> files = GuideBuild.guideFiles();
        assertThat(files).containsKeys("pom.xml", "src/main/resources/application.yml",
                "src/test/java/com/example/greeter/GreeterServiceTest.java", "build.gradle");
        GuideBuild maven = GuideBuild.prepare(WORK);
        Path project = maven.project("greeter", files);
        String build = maven.maven(project, "package");
        assertThat(build).contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0").contains("BUILD SUCCESS");

        Path jar = project.resolve("target/greeter-0.0.1-SNAPSHOT.jar");
        Poms bom = Poms.parse(GuideBuild.REACTOR.resolve("dependencies/pom.xml"));
        assertThat(versions(jar, "protobuf-java(-util)?")).as("protobuf versions packaged")
            .containsExactly(bom.text("properties/protobuf.version"));
        assertThat(versions(jar, "grpc-(api|core|netty-shaded|protobuf|services|stub|util)")).as("grpc-java versions")
            .containsExactly(bom.text("properties/grpc.version"));

        int http = ApplicationProcess.freePort();
        int grpc = ApplicationProcess.freePort();
        try (ApplicationProcess application = ApplicationProcess.start(jar, WORK.resolve("application.log"),
                List.of("-Xmx256m"), List.of("--server.port=" + http, "--grpc.server.port=" + grpc))) {
            // The start-up report comes once the application is ready, right after "Started …".
            String started = application.awaitLine("  /actuator/grpc: ", Duration.ofMinutes(3));
            assertThat(started).contains("grpc-ops:")
                .contains("request log: on (in H2 in memory")
                .contains("/actuator/grpc: /actuator/grpc on HTTP port " + http + ", read-only");
            assertThat(warnings(started)).as("WARN lines at start-up").isEmpty();
            for (String line : documentedReport()) {
                assertThat(started).as("the start-up report as the guide shows it")
                    .contains(line.replace("HTTP port 8080", "HTTP port " + http));
            }

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
    }

    /**
     * A Spring Boot application that takes the starter alone, without the BOM, still gets one protobuf
     * version: the starter declares protobuf-java (net.devh's server starter alone would bring 3.25.1
     * beside grpc-ops' protobuf-java-util 3.25.3).
     */
    @Test
    void theStarterAloneResolvesTheSameProtobufVersionForEveryProtobufArtifact() throws Exception {
        GuideBuild maven = GuideBuild.prepare(WORK);
        Poms parent = Poms.parse(GuideBuild.REACTOR.resolve("pom.xml"));
        Path project = maven.project("starter-alone", Map.of("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>org.springframework.boot</groupId>
                    <artifactId>spring-boot-starter-parent</artifactId>
                    <version>%s</version>
                    <relativePath/>
                  </parent>
                  <groupId>com.example</groupId>
                  <artifactId>starter-alone</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>io.github.grpcops</groupId>
                      <artifactId>grpc-ops-spring-boot-starter</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(parent.text("parent/version"), parent.text("version"))));
        // The plugin by its coordinates: a prefix needs repository metadata the read-only mirror does not have.
        String list = maven.maven(project, "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
                "-DincludeGroupIds=com.google.protobuf");
        // The resolved list's lines, "[INFO]    com.google.protobuf:protobuf-java:jar:3.25.3:compile …"
        Matcher protobuf = Pattern.compile("^\\[INFO]\\s+com\\.google\\.protobuf:([a-z-]+):jar:([^:\\s]+):",
                Pattern.MULTILINE).matcher(list);
        Set<String> versions = new TreeSet<>();
        while (protobuf.find()) {
            versions.add(protobuf.group(1) + " " + protobuf.group(2));
        }
        String expected = Poms.parse(GuideBuild.REACTOR.resolve("dependencies/pom.xml")).text("properties/protobuf.version");
        assertThat(versions).contains("protobuf-java " + expected, "protobuf-java-util " + expected)
            .allMatch(artifact -> artifact.endsWith(" " + expected));
    }

    /** The report lines the guide shows under its "grpc-ops:" sample. */
    private static List<String> documentedReport() throws IOException {
        String guide = Files.readString(GuideBuild.REACTOR.resolve("docs/getting-started.md"), StandardCharsets.UTF_8);
        String sample = guide.substring(guide.indexOf("StartupReportListener : grpc-ops:"));
        List<String> lines = sample.substring(sample.indexOf('\n') + 1, sample.indexOf("```")).lines().toList();
        assertThat(lines).as("the guide's start-up report sample").hasSizeGreaterThan(5);
        return lines;
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
}
