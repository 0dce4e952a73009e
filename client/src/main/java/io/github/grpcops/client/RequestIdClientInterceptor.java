package io.github.grpcops.client;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.grpc.Metadata;

/**
 * Sends {@code x-request-id}: inside a server call, the id of that call (as a {@link RequestIdSource}
 * tells it: with grpc-ops' server, {@code GrpcRequestId.current()}), so a chain of calls through several
 * services shares one id in their request logs; elsewhere, one from the fallback supplier (a new UUID
 * unless given).
 *
 * <p>grpc-ops keeps the id in the gRPC {@code Context}: calls made on the serving thread see it; work
 * handed to another thread needs {@code Context.current().wrap(...)} to keep it.
 */
public class RequestIdClientInterceptor extends ServedCallHeaderClientInterceptor {

    public static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id",
            Metadata.ASCII_STRING_MARSHALLER);

    /** Loaded once. */
    private static final List<Supplier<String>> SOURCES = load(RequestIdSource.class, RequestIdSource::current);

    public RequestIdClientInterceptor() {
        this(() -> UUID.randomUUID().toString());
    }

    public RequestIdClientInterceptor(Supplier<String> fallback) {
        super(REQUEST_ID, SOURCES, fallback);
    }
}
