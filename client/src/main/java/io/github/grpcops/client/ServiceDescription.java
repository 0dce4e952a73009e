package io.github.grpcops.client;

import java.util.List;

import com.google.protobuf.Descriptors.ServiceDescriptor;

/**
 * A service as the server's reflection describes it.
 *
 * @param name full name, e.g. {@code sample.v1.UserService}
 * @param file the proto file that defines it
 * @param methods its methods, in declaration order
 */
public record ServiceDescription(String name, String file, List<MethodDescription> methods) {

    static ServiceDescription of(ServiceDescriptor service) {
        return new ServiceDescription(service.getFullName(), service.getFile().getName(),
                service.getMethods().stream().map(MethodDescription::of).toList());
    }
}
