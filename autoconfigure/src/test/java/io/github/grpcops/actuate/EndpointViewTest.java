package io.github.grpcops.actuate;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Views keep their documented shape whatever the application's {@code ObjectMapper} is set to, as the
 * maps they replace did: {@code spring.jackson.default-property-inclusion=non_null},
 * {@code mapper.sort-properties-alphabetically=true} and {@code property-naming-strategy=SNAKE_CASE}
 * change plain records, not views; values are still written by the application's settings.
 */
class EndpointViewTest {

    private final ObjectMapper reconfigured = JsonMapper.builder()
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build();

    @Test
    void viewWritesEveryComponentByNameInDeclarationOrderNullsIncluded() throws Exception {
        View view = new View("z", null, new Inner(null, 2), null, List.of(new Inner("s", 1)),
                Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(this.reconfigured.writeValueAsString(view)).isEqualTo("{\"zetaValue\":\"z\",\"alpha\":null,"
                + "\"second\":null,\"first\":2,\"items\":[{\"second\":\"s\",\"first\":1}],"
                + "\"at\":\"2026-01-31T12:00:00Z\"}");
    }

    @Test
    void componentMarkedNonNullIsPresentOnlyWithAValue() throws Exception {
        View view = new View("z", "a", new Inner("s", 1), "here", List.of(), null);
        assertThat(this.reconfigured.writeValueAsString(view)).isEqualTo("{\"zetaValue\":\"z\",\"alpha\":\"a\","
                + "\"second\":\"s\",\"first\":1,\"optional\":\"here\",\"items\":[],\"at\":null}");
    }

    @Test
    void plainRecordIsRenamedReorderedAndLosesItsNullsUnderTheseSettings() throws Exception {
        assertThat(this.reconfigured.writeValueAsString(new Plain("z", null))).isEqualTo("{\"zeta_value\":\"z\"}");
        assertThat(this.reconfigured.writeValueAsString(new Plain("z", "a")))
            .isEqualTo("{\"alpha\":\"a\",\"zeta_value\":\"z\"}");
    }

    @EndpointView
    record View(String zetaValue, String alpha, @JsonUnwrapped Inner inner,
            @JsonInclude(JsonInclude.Include.NON_NULL) String optional, List<Inner> items, Instant at) {
    }

    @EndpointView
    record Inner(String second, int first) {
    }

    record Plain(String zetaValue, String alpha) {
    }
}
