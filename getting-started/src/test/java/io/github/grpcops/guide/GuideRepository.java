package io.github.grpcops.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Maven local repository the guide's application is built with: grpc-ops' artifacts exactly as this
 * build made them (copied in, nothing installed anywhere else), and every other artifact read through a
 * {@code file://} mirror of the build's own local repository, which is only read, never written: other
 * builds sharing it never see a grpc-ops snapshot from here.
 */
final class GuideRepository {

    private final Path reactor;

    private final String version;

    private final Path repository;

    GuideRepository(Path reactor, String version, Path repository) {
        this.reactor = reactor;
        this.version = version;
        this.repository = repository;
    }

    /** Replaces grpc-ops' artifacts in the repository with this build's; fails when one was not built. */
    void installReactorArtifacts() throws IOException {
        deleteTree(this.repository.resolve("io/github/grpcops"));
        install("grpc-ops-parent", "pom", this.reactor.resolve("pom.xml"));
        install("grpc-ops-dependencies", "pom", this.reactor.resolve("dependencies/pom.xml"));
        module("client", "grpc-ops-client");
        module("autoconfigure", "grpc-ops-spring-boot-autoconfigure");
        install("grpc-ops-spring-boot-autoconfigure", "jar", "tests",
                built("autoconfigure", "grpc-ops-spring-boot-autoconfigure", "-tests"));
        module("starter", "grpc-ops-spring-boot-starter");
    }

    /** A settings file whose only repository is the read-only mirror of {@code shared}. */
    static Path settings(Path directory, Path shared) throws IOException {
        Path settings = directory.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>shared-local-repository-read-only</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(shared.toUri()), StandardCharsets.UTF_8);
        return settings;
    }

    private void module(String directory, String artifactId) throws IOException {
        install(artifactId, "pom", this.reactor.resolve(directory).resolve("pom.xml"));
        install(artifactId, "jar", built(directory, artifactId, ""));
    }

    private Path built(String directory, String artifactId, String suffix) {
        Path jar = this.reactor.resolve(directory).resolve("target")
            .resolve(artifactId + "-" + this.version + suffix + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " was not built: run the guide check with the reactor, e.g. "
                    + "mvn -pl getting-started -am verify");
        }
        return jar;
    }

    private void install(String artifactId, String extension, Path file) throws IOException {
        install(artifactId, extension, null, file);
    }

    private void install(String artifactId, String extension, String classifier, Path file) throws IOException {
        Path directory = this.repository.resolve("io/github/grpcops").resolve(artifactId).resolve(this.version);
        Files.createDirectories(directory);
        String name = artifactId + "-" + this.version + ((classifier != null) ? "-" + classifier : "") + "."
                + extension;
        Files.copy(file, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
