package io.github.grpcops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the main code's packages may depend on each other: no cycles (each package is its own slice, a
 * sub-package included), and net.devh known to the adapter package only, in the byte code and in the
 * source text ({@code grep -rl net.devh autoconfigure/src/main}).
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.grpcops");

    private static final Path SOURCES = Path.of("src", "main");

    @Test
    void packagesHaveNoCycles() {
        assertThat(MAIN.stream().map(type -> type.getPackageName()).distinct())
            .as("the main packages were imported")
            .contains("io.github.grpcops.auth", "io.github.grpcops.auth.jwt", "io.github.grpcops.netdevh");
        slices().matching("io.github.grpcops.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyTheAdapterPackageDependsOnNetDevh() {
        noClasses().that()
            .resideOutsideOfPackage("io.github.grpcops.netdevh")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("net.devh..")
            .check(MAIN);
    }

    @Test
    void onlyTheAdapterPackageNamesNetDevhInTheSources() throws IOException {
        Path adapter = SOURCES.resolve(Path.of("java", "io", "github", "grpcops", "netdevh"));
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> naming = files.filter(Files::isRegularFile)
                .filter(file -> !file.startsWith(adapter))
                .filter(ArchitectureTest::namesNetDevh)
                .toList();
            assertThat(naming).isEmpty();
        }
    }

    private static boolean namesNetDevh(Path file) {
        try {
            return Files.readString(file).contains("net.devh");
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + file, ex);
        }
    }
}
