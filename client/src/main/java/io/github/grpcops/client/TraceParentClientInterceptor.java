package io.github.grpcops.client;

import java.util.List;
import java.util.function.Supplier;

import io.grpc.Metadata;

/**
 * Sends the W3C {@code traceparent} of the trace the call belongs to: inside a server call, that call's
 * (as a {@link TraceParentSource} tells it: with grpc-ops' server, the call's span), so the server called
 * continues the trace; elsewhere the one the supplier gives, if any. The value is sent as given (a
 * W3C-conforming server ignores a malformed one); nothing is sent when there is none.
 *
 * <p>A tracing library's own gRPC instrumentation (Micrometer's {@code ObservationGrpcClientInterceptor},
 * say) makes a client span of its own and propagates that; use this one where there is no tracer, or for
 * the dynamic client.
 */
public class TraceParentClientInterceptor extends ServedCallHeaderClientInterceptor {

    public static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent",
            Metadata.ASCII_STRING_MARSHALLER);

    /** Loaded once. */
    private static final List<Supplier<String>> SOURCES = load(TraceParentSource.class, TraceParentSource::current);

    /** Sends the trace of the server call being served, and nothing outside one. */
    public TraceParentClientInterceptor() {
        this(() -> null);
    }

    /** @param fallback the {@code traceparent} of calls made outside a server call, read at each call */
    public TraceParentClientInterceptor(Supplier<String> fallback) {
        super(TRACEPARENT, SOURCES, fallback);
    }
}
