package io.github.grpcops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the main code's packages may depend on each other: no cycles (each package is its own slice, a
 * sub-package included), and net.devh known to the adapter package only, in the byte code and in the
 * source text ({@code grep -rl net.devh autoconfigure/src/main}); no auto-configuration or properties
 * class named like one of Spring Boot's (a user importing both would have to spell one out); every
 * package says what its API is.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.grpcops");

    private static final Path SOURCES = Path.of("src", "main");

    /** This module's and grpc-ops-client's main Java sources. */
    private static final List<Path> JAVA_SOURCES = List.of(SOURCES.resolve("java"),
            Path.of("..", "client", "src", "main", "java"));

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

    @Test
    void everyPackageHasAPackageInfoNamingItsApi() throws IOException {
        for (Path root : JAVA_SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                List<Path> packages = files.filter(file -> file.toString().endsWith(".java"))
                    .map(Path::getParent)
                    .distinct()
                    .toList();
                assertThat(packages).as("packages under " + root).isNotEmpty().allSatisfy(dir -> assertThat(
                        Files.readString(dir.resolve("package-info.java"))).as(dir.toString()).contains("API"));
            }
        }
    }

    /** A capability's Actuator parts (sections, views, indicators) are internal, unlike its configuration. */
    @Test
    void actuatePackagesOfCapabilitiesExposeOnlyTheirAutoConfigurations() {
        classes().that()
            .resideInAPackage("io.github.grpcops.*..actuate")
            .and()
            .areNotAnnotatedWith(AutoConfiguration.class)
            .and()
            .areNotAnnotatedWith(ConfigurationProperties.class)
            .and()
            .areTopLevelClasses()
            .should()
            .notBePublic()
            .check(MAIN);
    }

    @Test
    void noAutoConfigurationOrPropertiesClassSharesASimpleNameWithSpringBoots() throws IOException {
        Set<String> boots = springBootAutoConfigurationAndPropertiesNames();
        assertThat(boots).as("Spring Boot's names were read").contains("MetricsAutoConfiguration", "MetricsProperties");
        List<String> ours = MAIN.stream()
            .filter(type -> type.isAnnotatedWith(AutoConfiguration.class)
                    || type.isAnnotatedWith(ConfigurationProperties.class))
            .map(JavaClass::getSimpleName)
            .toList();
        assertThat(ours).contains("GrpcMetricsAutoConfiguration", "GrpcMetricsProperties").doesNotContainAnyElementsOf(boots);
    }

    /** Simple names of the auto-configurations and properties classes that Spring Boot's jars declare. */
    private static Set<String> springBootAutoConfigurationAndPropertiesNames() throws IOException {
        ClassLoader loader = ArchitectureTest.class.getClassLoader();
        Set<String> names = new HashSet<>();
        for (URL imports : Collections.list(loader.getResources(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))) {
            read(imports).lines().map(String::strip).filter(line -> line.startsWith("org.springframework."))
                .forEach(name -> names.add(simpleName(name)));
        }
        ObjectMapper json = new ObjectMapper();
        for (URL metadata : Collections.list(loader.getResources("META-INF/spring-configuration-metadata.json"))) {
            for (JsonNode group : json.readTree(read(metadata)).path("groups")) {
                String type = group.path("sourceType").asText("");
                if (type.startsWith("org.springframework.")) {
                    names.add(simpleName(type));
                }
            }
        }
        return names;
    }

    private static String read(URL resource) throws IOException {
        try (InputStream in = resource.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }
}
