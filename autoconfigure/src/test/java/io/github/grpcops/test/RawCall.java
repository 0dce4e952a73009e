package io.github.grpcops.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * A call that sends requests as raw bytes, as a client that does not speak the method's protobuf would:
 * for malformed input.
 */
public final class RawCall {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
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
    };

    private RawCall() {
    }

    /** {@code method} with bytes in and out. */
    public static MethodDescriptor<byte[], byte[]> of(MethodDescriptor<?, ?> method) {
        return method.toBuilder(BYTES, BYTES).build();
    }

    /** A unary method of any name, known to the server or not. */
    public static MethodDescriptor<byte[], byte[]> unary(String fullMethodName) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodType.UNARY)
            .setFullMethodName(fullMethodName)
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    }

    /** Sends {@code bodies} as they are, whatever the method's type, half-closes and waits for the end. */
    public static Closed send(Channel channel, MethodDescriptor<byte[], byte[]> method, Metadata headers,
            byte[]... bodies) {
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        ClientCall<byte[], byte[]> call = channel.newCall(method,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(new Closed(status, trailers));
            }
        }, headers);
        call.request(Integer.MAX_VALUE);
        for (byte[] body : bodies) {
            call.sendMessage(body);
        }
        call.halfClose();
        return closed.orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** How the call ended. */
    public record Closed(Status status, Metadata trailers) {

        /** The status and trailers as a blocking stub would have thrown them. */
        public StatusRuntimeException failure() {
            return this.status.asRuntimeException(this.trailers);
        }
    }
}
