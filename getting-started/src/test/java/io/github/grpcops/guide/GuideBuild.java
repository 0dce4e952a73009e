package io.github.grpcops.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds applications written from the guide's text with Maven, as a user would, against this build's
 * grpc-ops artifacts: a {@link GuideRepository} of its own under {@code work}, every other artifact read
 * from the shared local repository. Where things are comes from the system properties the module's pom
 * passes ({@code guide.*}), with defaults for a run from the module's directory.
 */
final class GuideBuild {

    static final Path REACTOR = Path.of(System.getProperty("guide.reactor-root", "..")).toAbsolutePath().normalize();

    static final String VERSION = System.getProperty("guide.version", "0.1.0-SNAPSHOT");

    private final Path work;

    private final Path repository;

    private final Path settings;

    private GuideBuild(Path work, Path repository, Path settings) {
        this.work = work;
        this.repository = repository;
        this.settings = settings;
    }

    /** Installs this build's grpc-ops artifacts into the guide's repository under {@code work}. */
    static GuideBuild prepare(Path work) throws IOException {
        Files.createDirectories(work);
        Path repository = work.resolve("repository");
        new GuideRepository(REACTOR, VERSION, repository).installReactorArtifacts();
        Path shared = Path.of(System.getProperty("guide.shared-repository",
                System.getProperty("user.home") + "/.m2/repository"));
        return new GuideBuild(work, repository, GuideRepository.settings(work, shared));
    }

    /** The guide's files: every block of docs/getting-started.md marked with a file path. */
    static Map<String, String> guideFiles() throws IOException {
        return GuideFiles.read(REACTOR.resolve("docs/getting-started.md"));
    }

    /** A fresh project directory {@code name} holding {@code files}. */
    Path project(String name, Map<String, String> files) throws IOException {
        Path project = this.work.resolve(name);
        GuideRepository.deleteTree(project);
        GuideFiles.write(files, project);
        return project;
    }

    /** Runs Maven with {@code arguments} in {@code project}; returns its output, failing with its end if it fails. */
    String maven(Path project, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("guide.maven", "mvn"), "-B", "-ntp", "-s",
                this.settings.toString(), "-Dmaven.repo.local=" + this.repository));
        command.addAll(List.of(arguments));
        Path log = this.work.resolve(project.getFileName() + "-build.log");
        Process process = new ProcessBuilder(command).directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        Duration timeout = Duration.ofMinutes(15);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout + "; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; the end of " + log + ":\n"
                    + output.substring(Math.max(0, output.length() - 6000)));
        }
        return output;
    }
}
