package io.github.grpcops.client;

import io.grpc.Metadata;

/** Sends an API key in the {@code x-api-key} header of every call. */
public class ApiKeyClientInterceptor extends HeaderClientInterceptor {

    public static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final String apiKey;

    public ApiKeyClientInterceptor(String apiKey) {
        super(API_KEY);
        this.apiKey = apiKey;
    }

    @Override
    protected String value() {
        return this.apiKey;
    }
}
