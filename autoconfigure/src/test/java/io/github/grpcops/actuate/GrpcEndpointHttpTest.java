package io.github.grpcops.actuate;

import java.util.Map;
import java.util.Set;

import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's dispatch to sections over real HTTP: 200, 400 with the parameter named, 404. */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoint.grpc.access=unrestricted",
                "management.endpoints.web.exposure.include=grpc", "grpc.metrics.enabled=false" })
@Import(GrpcEndpointHttpTest.Sections.class)
class GrpcEndpointHttpTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void overviewCollectsEverySectionsContribution() {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc?hours=3", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("probe", Map.of("hours", 3));
        // Capabilities on the class path add their own sections (apikeys, …) next to the probe.
        assertThat((java.util.List<String>) response.getBody().get("sections")).contains("probe");
    }

    @Test
    void badOverviewParameterIsA400NamingIt() {
        ResponseEntity<String> response = this.http.getForEntity("/actuator/grpc?hours=-1", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Parameter 'hours' must be a whole number from 1 to 720");
    }

    @Test
    void sectionReadsItsValidatedParameters() {
        ResponseEntity<Map> response = this.http.getForEntity("/actuator/grpc/probe?size=7", Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("size", 7);
    }

    @Test
    void badParameterIsA400NamingIt() {
        ResponseEntity<String> response = this.http.getForEntity("/actuator/grpc/probe?size=lots", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Parameter 'size' must be a whole number from 1 to 500");
    }

    @Test
    void unknownSectionOrItemIsA404() {
        assertThat(this.http.getForEntity("/actuator/grpc/nothing", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(this.http.getForEntity("/actuator/grpc/probe/missing", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void writeAndDeleteReachTheSection() {
        ResponseEntity<Map> created = this.http.postForEntity("/actuator/grpc/probe", Map.of("name", "x"), Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(created.getBody()).containsEntry("created", "x");
        this.http.delete("/actuator/grpc/probe/x");
        assertThat(this.http.getForEntity("/actuator/grpc/probe/x", Map.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @TestConfiguration
    static class Sections {

        @Bean
        GrpcEndpointSection probe() {
            return new GrpcEndpointSection() {
                private final Map<String, Object> items = new java.util.concurrent.ConcurrentHashMap<>();

                @Override
                public String name() {
                    return "probe";
                }

                @Override
                public Set<String> parameters(Operation operation) {
                    return switch (operation) {
                        case OVERVIEW -> Set.of("hours");
                        case READ -> Set.of("size");
                        case WRITE -> Set.of("name");
                        case READ_ONE -> Set.of();
                    };
                }

                @Override
                public Object overview(EndpointParameters parameters) {
                    return Map.of("hours", parameters.integer("hours", 24, 1, 720));
                }

                @Override
                public Object read(EndpointParameters parameters) {
                    return Map.of("size", parameters.integer("size", 50, 1, 500));
                }

                @Override
                public Object readOne(String id, EndpointParameters parameters) {
                    return this.items.get(id);
                }

                @Override
                public Object write(EndpointParameters body) {
                    this.items.put(body.string("name"), Map.of("name", body.string("name")));
                    return Map.of("created", body.string("name"));
                }

                @Override
                public Object delete(String id) {
                    return this.items.remove(id);
                }
            };
        }
    }
}
