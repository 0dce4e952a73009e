package io.github.grpcops.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.github.grpcops.actuate.GrpcEndpointSection.Operation;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/grpc}: the overview, and one sub-path per {@link GrpcEndpointSection} bean
 * (requests, inflight, services, timeline, servers, metrics, apikeys, invoke …). Actuator binds
 * query parameters and body fields by name, so each operation declares the union of the names the
 * sections declare for it ({@link GrpcEndpointSection#parameters}), all as optional strings or raw
 * JSON values; each section receives only its own and validates them.
 *
 * <p>Web only: errors are answered here, with the message in the body (400 for a bad parameter, 404
 * for an unknown section or item), because Spring Boot's error page hides messages by default.
 *
 * <p>Read-only unless allowed: the operations that change something or call the server (creating and
 * revoking API keys, invoke) exist only with {@code management.endpoint.grpc.access=unrestricted}
 * (Spring Boot's endpoint access model, so {@code management.endpoints.access.max-permitted} caps it too);
 * by default {@code POST} and {@code DELETE} are not mapped at all.
 */
@WebEndpoint(id = "grpc", defaultAccess = Access.READ_ONLY)
public class GrpcEndpoint {

    /** The endpoint's id. */
    public static final EndpointId ID = EndpointId.of("grpc");

    private static final Access DEFAULT_ACCESS = GrpcEndpoint.class.getAnnotation(WebEndpoint.class).defaultAccess();

    private final Map<String, GrpcEndpointSection> sections = new TreeMap<>();

    public GrpcEndpoint(List<GrpcEndpointSection> sections) {
        sections.forEach(section -> this.sections.put(section.name(), section));
    }

    /** The access Actuator gives this endpoint: {@code resolver}'s, or the endpoint's default without one. */
    public static Access access(@Nullable EndpointAccessResolver resolver) {
        return (resolver != null) ? resolver.accessFor(ID, DEFAULT_ACCESS) : DEFAULT_ACCESS;
    }

    @ReadOperation
    public Object overview(@Nullable String hours) {
        Map<String, Object> given = given("hours", hours);
        Map<String, Object> overview = new LinkedHashMap<>();
        try {
            this.sections.forEach((name, section) -> {
                Object contribution = section.overview(parameters(section, Operation.OVERVIEW, given));
                if (contribution != null) {
                    overview.put(name, contribution);
                }
            });
        }
        catch (InvalidEndpointRequestException ex) {
            return GrpcEndpointSection.error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getReason());
        }
        overview.put("sections", this.sections.keySet());
        return overview;
    }

    @ReadOperation
    public Object read(@Selector String section, @Nullable String hours, @Nullable String interval,
            @Nullable String service, @Nullable String method, @Nullable String status, @Nullable String principal,
            @Nullable String traceId, @Nullable String since, @Nullable String page, @Nullable String size,
            @Nullable String before, @Nullable String after) {
        Map<String, Object> given = given("hours", hours, "interval", interval, "service", service, "method", method,
                "status", status, "principal", principal, "traceId", traceId, "since", since, "page", page, "size",
                size, "before", before, "after", after);
        return in(section, s -> s.read(parameters(s, Operation.READ, given)));
    }

    @ReadOperation
    public Object readOne(@Selector String section, @Selector String id, @Nullable String hours) {
        Map<String, Object> given = given("hours", hours);
        return in(section, s -> s.readOne(id, parameters(s, Operation.READ_ONE, given)));
    }

    @WriteOperation
    public Object write(@Selector String section, @Nullable String name, @Nullable String description,
            @Nullable String type, @Nullable String owner, @Nullable String expiresAt, @Nullable String service,
            @Nullable String method, @Nullable Object request, @Nullable Object requests, @Nullable Object metadata,
            @Nullable String timeout) {
        Map<String, Object> given = given("name", name, "description", description, "type", type, "owner", owner,
                "expiresAt", expiresAt, "service", service, "method", method, "request", request, "requests", requests,
                "metadata", metadata, "timeout", timeout);
        return in(section, s -> s.write(parameters(s, Operation.WRITE, given)));
    }

    @DeleteOperation
    public Object delete(@Selector String section, @Selector String id) {
        return in(section, s -> s.delete(id));
    }

    private Object in(String name, Function<GrpcEndpointSection, Object> operation) {
        GrpcEndpointSection section = this.sections.get(name);
        if (section == null) {
            return GrpcEndpointSection.error(WebEndpointResponse.STATUS_NOT_FOUND,
                    "No section '" + name + "' in /actuator/grpc; available: " + this.sections.keySet());
        }
        try {
            Object result = operation.apply(section);
            return (result != null) ? result
                    : GrpcEndpointSection.error(WebEndpointResponse.STATUS_NOT_FOUND, "Not found");
        }
        catch (InvalidEndpointRequestException ex) {
            return GrpcEndpointSection.error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getReason());
        }
    }

    /** What {@code section} accepts of the parameters given to {@code operation}. */
    private static EndpointParameters parameters(GrpcEndpointSection section, Operation operation,
            Map<String, Object> given) {
        return new EndpointParameters(given, section.parameters(operation));
    }

    /** The parameters an operation was given, by name; absent ones are {@code null}. */
    private static Map<String, Object> given(Object... namesAndValues) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            given.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return given;
    }
}
