package io.github.grpcops.server;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.Refusal;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

/**
 * Calls to a method the server does not serve, answered through the pipeline. grpc-java answers them
 * {@code UNIMPLEMENTED} before any interceptor runs, so a scan of method names left no row and no
 * metric. The server adapter registers a fallback handler registry that serves every such call with the
 * definition made here, bound to the same interceptors as every service: the call is recorded under the
 * bounded name {@value #FULL_METHOD} (never the caller's string, which would make a metric label per
 * guess) and refused {@code UNIMPLEMENTED "Method not found: <the name called>"} (reason
 * {@value #REASON}), as grpc-java says it, with the {@code ErrorInfo} every refusal carries.
 */
public final class UnknownMethods {

    /** The service and method name calls to unknown methods are recorded under. */
    public static final String UNKNOWN = "unknown";

    public static final String FULL_METHOD = UNKNOWN + "/" + UNKNOWN;

    static final String REASON = "METHOD_NOT_FOUND";

    private static final int MAX_ECHOED = 200;

    private static final MethodDescriptor.Marshaller<byte[]> UNREAD = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            return new byte[0]; // the call is refused before it asks for a message
        }
    };

    private static final MethodDescriptor<byte[], byte[]> METHOD = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNKNOWN)
        .setFullMethodName(FULL_METHOD)
        .setRequestMarshaller(UNREAD)
        .setResponseMarshaller(UNREAD)
        .build();

    private final CallRefuser refusals;

    public UnknownMethods(CallRefuser refusals) {
        this.refusals = refusals;
    }

    /** A service with one method, {@value #FULL_METHOD}, that refuses the call to {@code calledMethod}. */
    public ServerServiceDefinition serviceFor(String calledMethod) {
        String called = (calledMethod.length() > MAX_ECHOED) ? calledMethod.substring(0, MAX_ECHOED) + "…"
                : calledMethod;
        Refusal notFound = Refusal.of(Status.Code.UNIMPLEMENTED, "Method not found: " + called, REASON);
        ServerCallHandler<byte[], byte[]> handler = (call, headers) -> this.refusals.refuse(call, headers, notFound);
        return ServerServiceDefinition.builder(ServiceDescriptor.newBuilder(UNKNOWN).addMethod(METHOD).build())
            .addMethod(METHOD, handler)
            .build();
    }
}
