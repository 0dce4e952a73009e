package io.github.grpcops.requestlog;

import io.github.grpcops.test.RawCall;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import net.devh.boot.grpc.server.service.GrpcService;

/**
 * A service whose service and method names are longer than their request-log columns, with raw bytes
 * as messages: a real server-registered method for the truncation test.
 */
@GrpcService
class LongNameService implements BindableService {

    static final String SERVICE = "test.v1." + "Very".repeat(80) + "LongService";

    static final MethodDescriptor<byte[], byte[]> METHOD = RawCall
        .unary(MethodDescriptor.generateFullMethodName(SERVICE, "Method".repeat(60)));

    @Override
    public ServerServiceDefinition bindService() {
        return ServerServiceDefinition.builder(SERVICE)
            .addMethod(METHOD, ServerCalls.asyncUnaryCall((request, replies) -> {
                replies.onNext(request);
                replies.onCompleted();
            }))
            .build();
    }
}
