package io.github.grpcops.reflection;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionProto;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;

/**
 * Server reflection {@code grpc.reflection.v1}, for grpc-java 1.63 which ships only v1alpha. The v1
 * protocol is v1alpha renamed: the messages are identical on the wire, so v1 is served and called
 * with the v1alpha message classes under the v1 names (what grpc-java 1.66 does the other way round).
 */
public final class ReflectionV1 {

    public static final String SERVICE_NAME = "grpc.reflection.v1.ServerReflection";

    private static final String ALPHA_PACKAGE = "grpc.reflection.v1alpha";

    private static final String V1_PACKAGE = "grpc.reflection.v1";

    /** The bidi method of v1 reflection, marshalled like its v1alpha twin. */
    public static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> METHOD = ServerReflectionGrpc
        .getServerReflectionInfoMethod()
        .toBuilder()
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE_NAME, "ServerReflectionInfo"))
        .setSchemaDescriptor(null)
        .build();

    private ReflectionV1() {
    }

    /** The v1 service descriptor, with its proto file so reflection lists and describes it too. */
    public static io.grpc.ServiceDescriptor serviceDescriptor() {
        ServiceDescriptor service = v1File().findServiceByName("ServerReflection");
        return io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
            .setSchemaDescriptor(new ProtoServiceDescriptorSupplier() {
                @Override
                public FileDescriptor getFileDescriptor() {
                    return service.getFile();
                }

                @Override
                public ServiceDescriptor getServiceDescriptor() {
                    return service;
                }
            })
            .addMethod(METHOD)
            .build();
    }

    /** {@code grpc/reflection/v1/reflection.proto}, derived from the v1alpha file by renaming its package. */
    static FileDescriptor v1File() {
        FileDescriptorProto.Builder file = ServerReflectionProto.getDescriptor()
            .toProto()
            .toBuilder()
            .setName("grpc/reflection/v1/reflection.proto")
            .setPackage(V1_PACKAGE)
            .clearOptions();
        file.getMessageTypeBuilderList().forEach(ReflectionV1::renameFieldTypes);
        file.getServiceBuilderList()
            .forEach(service -> service.getMethodBuilderList().forEach(ReflectionV1::renameMethodTypes));
        try {
            return FileDescriptor.buildFrom(file.build(), new FileDescriptor[0]);
        }
        catch (DescriptorValidationException ex) {
            throw new IllegalStateException("Cannot derive reflection v1 from v1alpha", ex);
        }
    }

    private static void renameFieldTypes(DescriptorProto.Builder message) {
        message.getFieldBuilderList()
            .stream()
            .filter(field -> field.hasTypeName())
            .forEach(field -> field.setTypeName(renamed(field.getTypeName())));
        message.getNestedTypeBuilderList().forEach(ReflectionV1::renameFieldTypes);
    }

    private static void renameMethodTypes(MethodDescriptorProto.Builder method) {
        method.setInputType(renamed(method.getInputType())).setOutputType(renamed(method.getOutputType()));
    }

    private static String renamed(String typeName) {
        String prefix = "." + ALPHA_PACKAGE + ".";
        return typeName.startsWith(prefix) ? "." + V1_PACKAGE + "." + typeName.substring(prefix.length()) : typeName;
    }
}
