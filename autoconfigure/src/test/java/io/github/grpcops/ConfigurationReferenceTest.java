package io.github.grpcops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the configuration metadata honest and {@code docs/configuration.md} generated from it: every
 * {@code grpc.*} property of grpc-ops has a description, its metadata default equals the default the
 * properties class really binds, and the reference in the docs matches. Regenerate the docs with
 * {@code -Dgrpc-ops.update-docs=true}.
 */
class ConfigurationReferenceTest {

    private static final Path DOCS = Path.of("..", "docs", "configuration.md");

    private static final List<Property> properties = new ArrayList<>();

    @BeforeAll
    static void readMetadata() throws Exception {
        try (InputStream in = ConfigurationReferenceTest.class
            .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, JsonNode> groups = new TreeMap<>();
            root.path("groups").forEach(g -> groups.put(g.path("name").asText(), g));
            for (JsonNode p : root.path("properties")) {
                String name = p.path("name").asText();
                if (name.startsWith("grpc.") && isOurs(p)) {
                    properties.add(new Property(name, p.path("type").asText(null), text(p, "description"),
                            text(p, "defaultValue"), boundDefault(name, p, groups)));
                }
            }
        }
    }

    @Test
    void everyPropertyHasADescription() {
        assertThat(properties).isNotEmpty();
        assertThat(properties).filteredOn(p -> p.description() == null || p.description().isBlank())
            .as("grpc.* properties without a description (add Javadoc to the field)")
            .isEmpty();
    }

    @Test
    void metadataDefaultsAreTheDefaultsReallyBound() {
        List<String> wrong = new ArrayList<>();
        for (Property p : properties) {
            if (p.bound() instanceof Unknown) {
                continue;
            }
            if (!sameValue(p.bound(), p.metadataDefault())) {
                wrong.add(p.name() + ": metadata says " + p.metadataDefault() + ", the class binds " + p.bound());
            }
        }
        assertThat(wrong)
            .as("fix these in META-INF/additional-spring-configuration-metadata.json or the field initializer")
            .isEmpty();
    }

    @Test
    void docsReferenceIsUpToDate() throws IOException {
        String generated = render();
        if (Boolean.getBoolean("grpc-ops.update-docs")) {
            Files.writeString(DOCS, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "")
            .as("docs/configuration.md is stale: run mvn -pl autoconfigure test -Dtest=ConfigurationReferenceTest "
                    + "-Dgrpc-ops.update-docs=true")
            .isEqualTo(generated);
    }

    private static String render() {
        StringBuilder out = new StringBuilder("""
                # Configuration reference

                Every property grpc-ops adds, generated from the configuration metadata by
                `ConfigurationReferenceTest` (which also fails the build when one lacks a description or
                its documented default differs from the real one). net.devh's own `grpc.server.*`
                properties (port, address, TLS, `max-inbound-message-size`, reflection and health
                switches) are documented by [grpc-spring](https://grpc-ecosystem.github.io/grpc-spring/).

                """);
        Map<String, List<Property>> byGroup = new TreeMap<>();
        for (Property p : properties) {
            String[] parts = p.name().split("\\.");
            byGroup.computeIfAbsent(parts[0] + "." + parts[1], k -> new ArrayList<>()).add(p);
        }
        byGroup.forEach((group, members) -> {
            out.append("## `").append(group).append(".*`\n\n");
            out.append("| property | type | default | description |\n| --- | --- | --- | --- |\n");
            members.stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(p -> out.append("| `")
                    .append(p.name())
                    .append("` | ")
                    .append(shortType(p.type()))
                    .append(" | ")
                    .append(p.metadataDefault() == null ? "" : "`" + p.metadataDefault() + "`")
                    .append(" | ")
                    .append(p.description().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n"));
            out.append('\n');
        });
        return out.toString();
    }

    private static boolean isOurs(JsonNode property) {
        String source = property.path("sourceType").asText("");
        return source.isEmpty() || source.startsWith("io.github.grpcops.");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }

    /** The value a fresh instance of the property's class holds, or {@link Unknown} if it can't be read. */
    private static Object boundDefault(String name, JsonNode property, Map<String, JsonNode> groups) {
        String source = property.path("sourceType").asText("");
        if (source.isEmpty()) {
            return new Unknown();
        }
        String groupName = groups.values()
            .stream()
            .filter(g -> source.equals(g.path("type").asText()))
            .map(g -> g.path("name").asText())
            .filter(name::startsWith)
            .max((a, b) -> Integer.compare(a.length(), b.length()))
            .orElse(null);
        if (groupName == null) {
            return new Unknown();
        }
        try {
            Object instance = Class.forName(source).getDeclaredConstructor().newInstance();
            String relative = name.substring(groupName.length() + 1);
            return new BeanWrapperImpl(instance).getPropertyValue(camel(relative));
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            return new Unknown();
        }
    }

    private static boolean sameValue(Object bound, String metadata) {
        if (bound == null || (bound instanceof List<?> list && list.isEmpty())
                || (bound instanceof Map<?, ?> map && map.isEmpty())) {
            return metadata == null;
        }
        if (metadata == null) {
            return false;
        }
        if (bound instanceof Duration duration) {
            return duration.equals(DurationStyle.detectAndParse(metadata));
        }
        if (bound instanceof DataSize size) {
            return size.equals(DataSize.parse(metadata));
        }
        if (bound instanceof Enum<?> e) {
            return e.name().equalsIgnoreCase(metadata.replace('-', '_'));
        }
        if (bound instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList()).equals(metadata);
        }
        return Objects.equals(String.valueOf(bound).toLowerCase(Locale.ROOT), metadata.toLowerCase(Locale.ROOT));
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            }
            else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String shortType(String type) {
        if (type == null) {
            return "";
        }
        String simple = type.replaceAll("[a-z0-9_]+\\.", "").replace("$", ".");
        return simple.replace("<", "&lt;").replace(">", "&gt;");
    }

    private record Property(String name, String type, String description, String metadataDefault, Object bound) {
    }

    private static final class Unknown {

        @Override
        public String toString() {
            return "unknown";
        }
    }
}
