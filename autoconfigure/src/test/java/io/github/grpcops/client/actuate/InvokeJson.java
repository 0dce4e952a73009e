package io.github.grpcops.client.actuate;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON in and out of {@code POST /actuator/grpc/invoke} in tests. */
final class InvokeJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InvokeJson() {
    }

    /** {@code value} as JSON text, as the endpoint takes {@code request}, {@code requests} and {@code metadata}. */
    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        }
        catch (JsonProcessingException ex) {
            throw new AssertionError(ex);
        }
    }

    /** The body of an HTTP 200 answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        try {
            return MAPPER.readValue(response.getBody(), Map.class);
        }
        catch (JsonProcessingException ex) {
            throw new AssertionError(ex);
        }
    }
}
