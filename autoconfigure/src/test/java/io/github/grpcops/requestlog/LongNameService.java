package io.github.grpcops.requestlog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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

    static final MethodDescriptor<byte[], byte[]> METHOD = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Method".repeat(60)))
        .setRequestMarshaller(new Bytes())
        .setResponseMarshaller(new Bytes())
        .build();

    @Override
    public ServerServiceDefinition bindService() {
        return ServerServiceDefinition.builder(SERVICE)
            .addMethod(METHOD, ServerCalls.asyncUnaryCall((request, replies) -> {
                replies.onNext(request);
                replies.onCompleted();
            }))
            .build();
    }

    static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
