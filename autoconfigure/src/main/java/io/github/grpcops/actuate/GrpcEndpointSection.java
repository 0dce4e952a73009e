package io.github.grpcops.actuate;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * One section of {@code /actuator/grpc}: each capability contributes its own as a bean, so the
 * endpoint has one class and many owners. A method returning {@code null} means "not here": the
 * endpoint answers 404. Throw {@link org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException}
 * (see {@link EndpointParameters}) for a bad parameter: the endpoint answers 400 with its message.
 *
 * <p>A section declares the parameters each operation accepts ({@link #parameters}) and receives only
 * those. Actuator binds query parameters and body fields to the arguments of {@link GrpcEndpoint}'s
 * operation methods by name, so a section's new parameter needs an argument of that name there too.
 */
public interface GrpcEndpointSection {

    /** Path segment: {@code /actuator/grpc/<name>}. */
    String name();

    /**
     * The names of the query parameters (for {@link Operation#WRITE}, body fields) {@code operation}
     * accepts; the section receives no other. None by default.
     */
    default Set<String> parameters(Operation operation) {
        return Set.of();
    }

    /** What this section adds to {@code GET /actuator/grpc}, under its name; {@code null} for nothing. */
    default Object overview(EndpointParameters parameters) {
        return null;
    }

    /** {@code GET /actuator/grpc/<name>}. */
    default Object read(EndpointParameters parameters) {
        return null;
    }

    /** {@code GET /actuator/grpc/<name>/<id>}. */
    default Object readOne(String id, EndpointParameters parameters) {
        return null;
    }

    /** {@code POST /actuator/grpc/<name>} with a JSON body. */
    default Object write(EndpointParameters body) {
        return null;
    }

    /** {@code DELETE /actuator/grpc/<name>/<id>}. */
    default Object delete(String id) {
        return null;
    }

    /** An error answer: HTTP {@code status} with the status and {@code message} in the body. */
    static WebEndpointResponse<Map<String, Object>> error(int status, String message) {
        return new WebEndpointResponse<>(Map.of("status", status, "message", message), status);
    }

    /** The operations of a section that take parameters. */
    enum Operation {

        /** {@link #overview}: {@code GET /actuator/grpc}. */
        OVERVIEW,

        /** {@link #read}: {@code GET /actuator/grpc/<name>}. */
        READ,

        /** {@link #readOne}: {@code GET /actuator/grpc/<name>/<id>}. */
        READ_ONE,

        /** {@link #write}: {@code POST /actuator/grpc/<name>}. */
        WRITE
    }
}
