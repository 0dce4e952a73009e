package io.github.grpcops.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.google.protobuf.Message;
import io.github.grpcops.pipeline.Refusal;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.PrototypeMarshaller;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

/**
 * Gives malformed and oversized request messages a clear status. grpc-java 1.63 answers a request
 * that fails to parse with {@code UNKNOWN "Application error processing RPC"}, and one above
 * {@code maxInboundMessageSize} with a bare stream reset the client sees as {@code CANCELLED}
 * (grpc-java#3996, fixed in later versions).
 *
 * <p>Each service's request marshallers are wrapped: the size is checked and the message parsed
 * here; on failure the wrapper hands the call the message prototype (so no interceptor meets a
 * {@code null}) and leaves the verdict in a thread-local that {@link RequestGuardServerInterceptor},
 * the innermost interceptor, turns into {@code RESOURCE_EXHAUSTED} (reason {@value #TOO_LARGE}) or
 * {@code INVALID_ARGUMENT} (reason {@value #MALFORMED}). Parsing
 * and delivery to the listeners happen on the same thread, in that order, inside grpc-java.
 */
public final class RequestMessageGuard implements ServiceDefinitionTransformer {

    static final String TOO_LARGE = "MESSAGE_TOO_LARGE";

    static final String MALFORMED = "MALFORMED_MESSAGE";

    private static final ThreadLocal<Refusal> VERDICT = new ThreadLocal<>();

    private final int maxMessageBytes;

    public RequestMessageGuard(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The rejection for {@code message}, if it is the stand-in of a request that failed the guard. */
    static Refusal takeVerdict(MethodDescriptor<?, ?> method, Object message) {
        Refusal verdict = VERDICT.get();
        if (verdict == null) {
            return null;
        }
        VERDICT.remove();
        boolean standIn = method.getRequestMarshaller() instanceof PrototypeMarshaller<?> marshaller
                && marshaller.getMessagePrototype() == message;
        return standIn ? verdict : null;
    }

    /** The same service, with every protobuf request marshaller guarded. */
    @Override
    public ServerServiceDefinition transform(ServerServiceDefinition service) {
        List<ServerMethodDefinition<?, ?>> methods = service.getMethods().stream()
            .<ServerMethodDefinition<?, ?>>map(this::guard)
            .toList();
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(guarded::addMethod);
        return guarded.build();
    }

    private <ReqT, RespT> ServerMethodDefinition<ReqT, RespT> guard(ServerMethodDefinition<ReqT, RespT> method) {
        MethodDescriptor<ReqT, RespT> descriptor = method.getMethodDescriptor();
        if (!(descriptor.getRequestMarshaller() instanceof PrototypeMarshaller<ReqT> marshaller)
                || !(marshaller.getMessagePrototype() instanceof Message)) {
            return method;
        }
        return ServerMethodDefinition.create(
                descriptor.toBuilder().setRequestMarshaller(new GuardedMarshaller<>(marshaller)).build(),
                method.getServerCallHandler());
    }

    private final class GuardedMarshaller<T> implements PrototypeMarshaller<T> {

        private final PrototypeMarshaller<T> delegate;

        GuardedMarshaller(PrototypeMarshaller<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public InputStream stream(T value) {
            return this.delegate.stream(value);
        }

        @Override
        public T parse(InputStream stream) {
            VERDICT.remove();
            T prototype = this.delegate.getMessagePrototype();
            int size = knownSize(stream);
            if (size > RequestMessageGuard.this.maxMessageBytes) {
                VERDICT.set(tooLarge(size));
                return prototype;
            }
            T message;
            try {
                message = this.delegate.parse(stream);
            }
            catch (RuntimeException ex) {
                VERDICT.set(parseFailure(ex, ((Message) prototype).getDescriptorForType().getFullName()));
                return prototype;
            }
            // A compressed message's size is known only once it is read.
            int parsedSize = (size < 0) ? ((Message) message).getSerializedSize() : size;
            if (parsedSize > RequestMessageGuard.this.maxMessageBytes) {
                VERDICT.set(tooLarge(parsedSize));
                return prototype;
            }
            return message;
        }

        private Refusal tooLarge(int size) {
            return Refusal.of(Status.Code.RESOURCE_EXHAUSTED, "Request message of " + size
                    + " bytes exceeds the server's limit of " + RequestMessageGuard.this.maxMessageBytes
                    + " bytes (grpc.server.max-inbound-message-size)", TOO_LARGE);
        }

        private Refusal parseFailure(RuntimeException ex, String type) {
            if (DeferredGzipDecompressor.causedBy(ex)) {
                return Refusal.of(Status.Code.INVALID_ARGUMENT, "Request message is not valid "
                        + DeferredGzipDecompressor.ENCODING + " although its grpc-encoding says so", MALFORMED);
            }
            if (Status.fromThrowable(ex).getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                // grpc-java's cap on a compressed message, hit while decompressing: the transport's ceiling.
                return Refusal.of(Status.Code.RESOURCE_EXHAUSTED, "Request message exceeds the server's limit of "
                        + RequestMessageGuard.this.maxMessageBytes + " bytes once decompressed "
                        + "(grpc.server.max-inbound-message-size)", TOO_LARGE);
            }
            return Refusal.of(Status.Code.INVALID_ARGUMENT, "Request message is not a valid " + type
                    + ": the bytes are not a well-formed protobuf encoding of it", MALFORMED);
        }

        @Override
        public Class<T> getMessageClass() {
            return this.delegate.getMessageClass();
        }

        @Override
        public T getMessagePrototype() {
            return this.delegate.getMessagePrototype();
        }

        private static int knownSize(InputStream stream) {
            try {
                return (stream instanceof KnownLength) ? stream.available() : -1;
            }
            catch (IOException ex) {
                return -1;
            }
        }
    }
}
