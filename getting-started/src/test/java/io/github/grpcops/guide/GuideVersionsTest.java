package io.github.grpcops.guide;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions stated in more than one place agree: the protoc plugin's grpc-java and protobuf versions in
 * the parent with the BOM's, and every coordinate and version of docs/getting-started.md (its Maven build
 * and its Gradle build, which nothing here can run) with this build's.
 */
class GuideVersionsTest {

    private static Poms bom;

    private static Poms parent;

    private static Map<String, String> guide;

    private static Poms guidePom;

    @BeforeAll
    static void read() throws Exception {
        bom = Poms.parse(GuideBuild.REACTOR.resolve("dependencies/pom.xml"));
        parent = Poms.parse(GuideBuild.REACTOR.resolve("pom.xml"));
        guide = GuideBuild.guideFiles();
        guidePom = Poms.parse(guide.get("pom.xml"));
    }

    @Test
    void theParentsProtocPluginVersionsAreTheBoms() throws Exception {
        assertThat(parent.text("properties/grpc.version")).isEqualTo(bom.text("properties/grpc.version"));
        assertThat(parent.text("properties/protobuf.version")).isEqualTo(bom.text("properties/protobuf.version"));
        assertThat(bom.text("version")).isEqualTo(parent.text("version"));
    }

    @Test
    void theGuidesMavenBuildImportsThisBomAndStatesItsVersions() throws Exception {
        assertThat(guidePom.versionOf("io.github.grpcops", "grpc-ops-dependencies")).isEqualTo(parent.text("version"));
        assertThat(guidePom.text("properties/grpc.version")).isEqualTo(bom.text("properties/grpc.version"));
        assertThat(guidePom.text("properties/protobuf.version")).isEqualTo(bom.text("properties/protobuf.version"));
        assertThat(guidePom.versionOf("io.github.ascopes", "protobuf-maven-plugin"))
            .isEqualTo(parent.text("properties/protobuf-maven-plugin.version"));
        assertThat(guidePom.text("parent/version")).isEqualTo(parent.text("parent/version"));
    }

    @Test
    void theGuidesGradleBuildNamesTheSameCoordinatesAndVersionsAsItsMavenBuild() throws Exception {
        String gradle = guide.get("build.gradle");
        String boot = guidePom.text("parent/version");
        String version = parent.text("version");
        assertThat(gradle).contains("id 'org.springframework.boot' version '" + boot + "'")
            .contains("platform('org.springframework.boot:spring-boot-dependencies:" + boot + "')")
            .contains("platform('io.github.grpcops:grpc-ops-dependencies:" + version + "')")
            .contains("implementation 'io.github.grpcops:grpc-ops-spring-boot-starter'")
            .contains("testImplementation 'org.springframework.boot:spring-boot-starter-test'")
            .contains("testImplementation 'io.github.grpcops:grpc-ops-spring-boot-autoconfigure:" + version + ":tests'")
            .contains("artifact = 'com.google.protobuf:protoc:" + bom.text("properties/protobuf.version") + "'")
            .contains("artifact = 'io.grpc:protoc-gen-grpc-java:" + bom.text("properties/grpc.version") + "'")
            .contains("option 'jakarta_omit'")
            .contains("option '@generated=omit'")
            .contains("srcDir 'src/main/protobuf'")
            .contains("languageVersion = JavaLanguageVersion.of(" + guidePom.text("properties/java.version") + ")");
        assertThat(guide.get("settings.gradle")).contains("rootProject.name = '" + guidePom.text("artifactId") + "'");
        assertThat(guide.keySet()).anyMatch(path -> path.startsWith("src/main/protobuf/"));
    }
}
