package io.github.grpcops.client;

import java.util.List;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;

/**
 * One method of a service.
 *
 * @param name the simple name, e.g. {@code GetUser}
 * @param fullName {@code package.Service/Method}
 * @param type unary, client streaming, server streaming or bidi streaming
 * @param requestType full name of the request message
 * @param requestFields its fields
 * @param responseType full name of the response message
 * @param responseFields its fields
 */
public record MethodDescription(String name, String fullName, MethodType type, String requestType,
        List<FieldDescription> requestFields, String responseType, List<FieldDescription> responseFields) {

    static MethodDescription of(MethodDescriptor method) {
        return new MethodDescription(method.getName(),
                io.grpc.MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()),
                typeOf(method), method.getInputType().getFullName(), fields(method.getInputType()),
                method.getOutputType().getFullName(), fields(method.getOutputType()));
    }

    static MethodType typeOf(MethodDescriptor method) {
        if (method.isClientStreaming()) {
            return method.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY;
    }

    private static List<FieldDescription> fields(Descriptor message) {
        return message.getFields().stream().map(FieldDescription::of).toList();
    }
}
