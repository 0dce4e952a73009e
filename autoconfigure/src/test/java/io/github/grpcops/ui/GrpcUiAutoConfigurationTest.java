package io.github.grpcops.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcUiAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GrpcUiAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=grpc,grpcui");

    @Test
    void consoleIsOffByDefault() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(GrpcUiEndpoint.class));
    }

    @Test
    void consoleIsOnWhenEnabledAndExposed() {
        this.runner.withPropertyValues("grpc.ui.enabled=true")
            .run(context -> assertThat(context).hasSingleBean(GrpcUiEndpoint.class));
    }

    @Test
    void consoleIsAbsentWhenEnabledButNotExposed() {
        this.runner.withPropertyValues("grpc.ui.enabled=true", "management.endpoints.web.exposure.include=grpc")
            .run(context -> assertThat(context).doesNotHaveBean(GrpcUiEndpoint.class));
    }

    @Test
    void consoleBacksOffWithoutActuator() {
        this.runner.withPropertyValues("grpc.ui.enabled=true")
            .withClassLoader(new FilteredClassLoader(WebEndpoint.class))
            .run(context -> assertThat(context).doesNotHaveBean(GrpcUiEndpoint.class));
    }

    @Test
    void readOnlyModeHidesWritesWhateverActuatorAllows() {
        GrpcUiProperties properties = new GrpcUiProperties();
        properties.setReadOnly(true);
        assertThat(capabilities(properties, new MockEnvironment())).containsEntry("readOnly", true)
            .containsEntry("writes", false);
    }

    @Test
    void writesAreHiddenWhenActuatorMapsOnlyTheGrpcEndpointsReads() {
        MockEnvironment environment = new MockEnvironment().withProperty("management.endpoint.grpc.access", "read-only");
        assertThat(capabilities(new GrpcUiProperties(), environment)).containsEntry("writes", false);
        MockEnvironment defaults = new MockEnvironment().withProperty("management.endpoints.access.default", "read-only");
        assertThat(capabilities(new GrpcUiProperties(), defaults)).containsEntry("writes", false);
        assertThat(capabilities(new GrpcUiProperties(), new MockEnvironment())).containsEntry("writes", true);
    }

    @Test
    void consoleFilesHaveNoInlineScriptsStylesEvalOrMarkupFromData() throws IOException {
        Path folder = Path.of("src/main/resources/io/github/grpcops/ui");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(html|js|css)$")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(file.toString())
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContain("<style")
                .doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("\\bon[a-z]+=\"")
                .doesNotContainPattern("\\beval\\(")
                .doesNotContain("new Function")
                .doesNotContain("innerHTML")
                .doesNotContain("document.write")
                .doesNotContainPattern("(src|href)=\"/")
                // nothing loaded from elsewhere (a buf curl command the page prints may name a server)
                .doesNotContainPattern("(src|href|action)=[\"']?https?://")
                .doesNotContainPattern("(import|from|fetch|url)\\s*\\(?\\s*['\"]https?://");
        }
    }

    private static Map<String, Object> capabilities(GrpcUiProperties properties, MockEnvironment environment) {
        // Converts "read-only" as the application's environment does.
        environment.setConversionService(new ApplicationConversionService());
        GrpcUiEndpoint endpoint = new GrpcUiEndpoint(properties, new PropertiesEndpointAccessResolver(environment),
                () -> List.of("requests"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) endpoint.file(new String[] { "capabilities.json" }).getBody();
        return body;
    }
}
