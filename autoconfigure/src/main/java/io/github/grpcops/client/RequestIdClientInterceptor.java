package io.github.grpcops.client;

import java.util.UUID;
import java.util.function.Supplier;

import io.github.grpcops.requestid.GrpcRequestId;
import io.github.grpcops.pipeline.RequestIds;

/**
 * Sends {@code x-request-id}: inside a server call, the id of that call ({@link GrpcRequestId#current()}),
 * so a chain of calls through several services shares one id in their request logs; elsewhere, one from
 * the fallback supplier (a new UUID unless given).
 *
 * <p>{@link GrpcRequestId#current()} reads the gRPC {@code Context}: calls made on the serving thread see
 * it; work handed to another thread needs {@code Context.current().wrap(...)} to keep it.
 */
public class RequestIdClientInterceptor extends HeaderClientInterceptor {

    private final Supplier<String> fallback;

    public RequestIdClientInterceptor() {
        this(() -> UUID.randomUUID().toString());
    }

    public RequestIdClientInterceptor(Supplier<String> fallback) {
        super(RequestIds.HEADER);
        this.fallback = fallback;
    }

    @Override
    protected String value() {
        String current = GrpcRequestId.current();
        return (current != null) ? current : this.fallback.get();
    }
}
