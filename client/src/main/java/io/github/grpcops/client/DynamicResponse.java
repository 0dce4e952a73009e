package io.github.grpcops.client;

import java.util.List;

import io.grpc.Metadata;

/**
 * What a dynamic call returned: its responses as JSON, and the server's headers and trailers.
 *
 * @param messages the responses, in order, as JSON
 * @param truncated whether the call was cancelled after {@link DynamicCall#maxResponses} responses
 * @param headers the response headers (e.g. {@code x-request-id})
 * @param trailers the trailers
 */
public record DynamicResponse(List<String> messages, boolean truncated, Metadata headers, Metadata trailers) {

    /** The only response of a unary or client-streaming call. */
    public String single() {
        if (this.messages.size() != 1) {
            throw new IllegalStateException("Expected one response, got " + this.messages.size());
        }
        return this.messages.get(0);
    }

    /** A response header, or a trailer when the server sent it there; {@code null} when absent. */
    public String header(String name) {
        Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
        String value = this.headers.get(key);
        return (value != null) ? value : this.trailers.get(key);
    }
}
