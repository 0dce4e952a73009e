package io.github.grpcops.status;

import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;

/**
 * A service the server exposes, with its methods; stored as JSON in the status row.
 *
 * @param name the fully qualified service name
 * @param methods its methods, in name order
 */
public record RegisteredService(String name, List<Method> methods) {

    private static final Gson GSON = new Gson();

    private static final TypeToken<List<RegisteredService>> LIST = new TypeToken<>() {
    };

    /** The services of a running server, in name order. */
    static List<RegisteredService> of(List<ServerServiceDefinition> definitions) {
        return definitions.stream()
            .map(definition -> new RegisteredService(definition.getServiceDescriptor().getName(),
                    definition.getMethods()
                        .stream()
                        .map(ServerMethodDefinition::getMethodDescriptor)
                        .map(method -> new Method(method.getBareMethodName(), method.getType().name()))
                        .sorted((a, b) -> a.name().compareTo(b.name()))
                        .toList()))
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .toList();
    }

    static String toJson(List<RegisteredService> services) {
        return GSON.toJson(services);
    }

    /** The services stored in a row; empty for a row without (or with unreadable) services. */
    public static List<RegisteredService> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<RegisteredService> services = GSON.fromJson(json, LIST);
            return (services != null) ? services : List.of();
        }
        catch (JsonParseException ex) {
            return List.of();
        }
    }

    /**
     * One method of a service.
     *
     * @param name the method name without the service
     * @param type the call type: UNARY, CLIENT_STREAMING, SERVER_STREAMING or BIDI_STREAMING
     */
    public record Method(String name, String type) {
    }
}
