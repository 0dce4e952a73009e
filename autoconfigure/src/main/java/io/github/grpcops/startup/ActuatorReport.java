package io.github.grpcops.startup;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.grpcops.actuate.GrpcEndpoint;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The {@code /actuator/grpc} line of the {@link StartupReport}: where it answers and with which access,
 * or why it does not. Only loaded when Actuator is on the class path.
 */
final class ActuatorReport {


    private final ApplicationContext context;

    private final Environment environment;

    ActuatorReport(ApplicationContext context, Environment environment) {
        this.context = context;
        this.environment = environment;
    }

    /** Whether the application asked for the endpoint over HTTP, whether or not it can answer. */
    boolean exposedInProperties() {
        Set<String> include = names("management.endpoints.web.exposure.include");
        return (include.contains("grpc") || include.contains("*"))
                && !names("management.endpoints.web.exposure.exclude").contains("grpc");
    }

    /** With a web server: its path, port and access, or why it is not there. */
    String describe() {
        EndpointAccessResolver resolver = this.context.getBeanProvider(EndpointAccessResolver.class).getIfAvailable();
        Access access = GrpcEndpoint.access(resolver);
        if (access == Access.NONE) {
            return "off (management.endpoint.grpc.access or management.endpoints.access.max-permitted is none)";
        }
        PathMappedEndpoints endpoints = this.context.getBeanProvider(PathMappedEndpoints.class).getIfAvailable();
        String path = (endpoints != null) ? endpoints.getPath(GrpcEndpoint.ID) : null;
        if (path == null) {
            return "not exposed (add grpc to management.endpoints.web.exposure.include)";
        }
        String port = this.environment.getProperty("local.management.port",
                this.environment.getProperty("local.server.port", "?"));
        return path + " on HTTP port " + port + ((access == Access.UNRESTRICTED)
                ? ", API-key writes allowed (management.endpoint.grpc.access=unrestricted): protect Actuator"
                : ", read-only (writes need management.endpoint.grpc.access=unrestricted)");
    }

    private Set<String> names(String property) {
        return Arrays.stream(this.environment.getProperty(property, "").split(","))
            .map(String::trim)
            .collect(Collectors.toSet());
    }
}
