package io.github.grpcops.client;

import java.util.function.Supplier;

import io.grpc.Metadata;

/**
 * Sends {@code authorization: Bearer <token>}, the token read from the supplier at the start of
 * every call (so a refreshed token is picked up).
 */
public class BearerTokenClientInterceptor extends HeaderClientInterceptor {

    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final Supplier<String> token;

    public BearerTokenClientInterceptor(Supplier<String> token) {
        super(AUTHORIZATION);
        this.token = token;
    }

    @Override
    protected String value() {
        String current = this.token.get();
        return (current == null || current.isBlank()) ? null : "Bearer " + current;
    }
}
