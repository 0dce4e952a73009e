package io.github.grpcops.actuate;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.grpcops.actuate.GrpcEndpointSection.Operation;
import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sections own their parameters: Actuator binds query parameters and body fields to {@link GrpcEndpoint}'s
 * operation arguments by name, so the operations must declare exactly what the sections of a full
 * application (every capability on, invoke included) declare, and hand each section only its own.
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.NONE,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=grpc", "grpc.actuator.invoke-enabled=true" })
class GrpcEndpointParametersTest {

    private static final Map<Operation, String> METHODS = Map.of(Operation.OVERVIEW, "overview", Operation.READ,
            "read", Operation.READ_ONE, "readOne", Operation.WRITE, "write");

    @Autowired
    List<GrpcEndpointSection> sections;

    @Test
    void operationSignaturesDeclareExactlyTheParametersTheRegisteredSectionsDeclare() {
        assertThat(this.sections).extracting(GrpcEndpointSection::name)
            .contains("apikeys", "inflight", "instance", "invoke", "metrics", "requests", "servers", "services",
                    "timeline");
        for (Operation operation : Operation.values()) {
            Set<String> declared = new TreeSet<>();
            this.sections.forEach(section -> declared.addAll(section.parameters(operation)));
            assertThat(arguments(operation)).as("parameters of GrpcEndpoint.%s", METHODS.get(operation))
                .containsExactlyInAnyOrderElementsOf(declared);
        }
    }

    @Test
    void everyOperationHandsASectionEachParameterItDeclares() throws Exception {
        Map<Operation, Map<String, String>> received = new LinkedHashMap<>();
        GrpcEndpointSection recorder = new GrpcEndpointSection() {

            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public Set<String> parameters(Operation operation) {
                return Set.copyOf(arguments(operation));
            }

            @Override
            public Object overview(EndpointParameters parameters) {
                return record(Operation.OVERVIEW, parameters);
            }

            @Override
            public Object read(EndpointParameters parameters) {
                return record(Operation.READ, parameters);
            }

            @Override
            public Object readOne(String id, EndpointParameters parameters) {
                return record(Operation.READ_ONE, parameters);
            }

            @Override
            public Object write(EndpointParameters body) {
                return record(Operation.WRITE, body);
            }

            private Object record(Operation operation, EndpointParameters parameters) {
                Map<String, String> values = new LinkedHashMap<>();
                parameters(operation).forEach(name -> values.put(name, parameters.string(name)));
                received.put(operation, values);
                return values;
            }
        };
        GrpcEndpoint endpoint = new GrpcEndpoint(List.of(recorder));
        for (Operation operation : Operation.values()) {
            Method method = method(operation);
            // Every argument's value is its own name; selectors name the section and an item.
            Object[] values = Arrays.stream(method.getParameters())
                .map(p -> p.isAnnotationPresent(Selector.class) ? (p.getName().equals("section") ? "recorder" : "id")
                        : p.getName())
                .toArray();
            method.invoke(endpoint, values);
            Map<String, String> expected = new LinkedHashMap<>();
            arguments(operation).forEach(name -> expected.put(name, name));
            assertThat(received.get(operation)).as("parameters handed on by %s", method.getName())
                .isEqualTo(expected);
        }
    }

    @Test
    void aSectionSeesOnlyTheParametersItDeclares() {
        EndpointParameters parameters = new EndpointParameters(Map.of("size", "7", "hours", "3"), Set.of("size"));
        assertThat(parameters.integer("size", 50, 1, 500)).isEqualTo(7);
        assertThatIllegalStateException().isThrownBy(() -> parameters.string("hours"))
            .withMessageContaining("Parameter 'hours' is read but not declared");
    }

    /** The names of the arguments Actuator binds for {@code operation}: all but the selectors. */
    private static List<String> arguments(Operation operation) {
        return Arrays.stream(method(operation).getParameters())
            .filter(p -> !p.isAnnotationPresent(Selector.class))
            .map(Parameter::getName)
            .toList();
    }

    private static Method method(Operation operation) {
        return Arrays.stream(GrpcEndpoint.class.getMethods())
            .filter(m -> m.getName().equals(METHODS.get(operation)))
            .findFirst()
            .orElseThrow();
    }
}
