package io.github.grpcops.client;

import java.util.List;
import java.util.ServiceLoader;
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
public class RequestIdClientInterceptor extends HeaderClientInterceptor {

    public static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id",
            Metadata.ASCII_STRING_MARSHALLER);

    /** Loaded once, with this module's class loader, which sees the server's jars in a Boot application. */
    private static final List<RequestIdSource> SOURCES = ServiceLoader
        .load(RequestIdSource.class, RequestIdSource.class.getClassLoader())
        .stream()
        .map(ServiceLoader.Provider::get)
        .toList();

    private final Supplier<String> fallback;

    public RequestIdClientInterceptor() {
        this(() -> UUID.randomUUID().toString());
    }

    public RequestIdClientInterceptor(Supplier<String> fallback) {
        super(REQUEST_ID);
        this.fallback = fallback;
    }

    @Override
    protected String value() {
        for (RequestIdSource source : SOURCES) {
            String current = source.current();
            if (current != null) {
                return current;
            }
        }
        return this.fallback.get();
    }
}
