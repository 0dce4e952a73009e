package io.github.grpcops.reflection;

import io.github.grpcops.server.BuiltInService;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;

/**
 * Serves {@code grpc.reflection.v1.ServerReflection} by handing each call to grpc-java's v1alpha
 * implementation, which answers from the same server's services whatever name it is called under.
 */
public class ReflectionV1Service implements BuiltInService {

    @Override
    @SuppressWarnings("unchecked")
    public ServerServiceDefinition bindService() {
        ServerServiceDefinition alpha = ProtoReflectionService.newInstance().bindService();
        ServerCallHandler<ServerReflectionRequest, ServerReflectionResponse> handler = (ServerCallHandler<ServerReflectionRequest, ServerReflectionResponse>) alpha
            .getMethod(ServerReflectionGrpc.getServerReflectionInfoMethod().getFullMethodName())
            .getServerCallHandler();
        return ServerServiceDefinition.builder(ReflectionV1.serviceDescriptor())
            .addMethod(ReflectionV1.METHOD, handler)
            .build();
    }
}
