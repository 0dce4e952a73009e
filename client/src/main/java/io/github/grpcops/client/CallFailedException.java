package io.github.grpcops.client;

import java.util.List;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * The call ended with a status other than OK: its code, the server's description, the status
 * details ({@code google.rpc.Status} details from the trailers) as a JSON array, and the responses
 * received before it failed.
 */
public class CallFailedException extends DynamicClientException {

    private final Status.Code code;

    private final String description;

    private final String detailsJson;

    private final List<String> received;

    private final Metadata headers;

    private final Metadata trailers;

    public CallFailedException(String fullMethod, Status status, String detailsJson, List<String> received,
            Metadata headers, Metadata trailers) {
        super(fullMethod + " failed: " + status.getCode()
                + ((status.getDescription() != null) ? ": " + status.getDescription() : ""), status.asException());
        this.code = status.getCode();
        this.description = status.getDescription();
        this.detailsJson = detailsJson;
        this.received = List.copyOf(received);
        this.headers = headers;
        this.trailers = trailers;
    }

    public Status.Code getCode() {
        return this.code;
    }

    /** The status description the server (or the client library) gave, or {@code null}. */
    public String getDescription() {
        return this.description;
    }

    /** The status details as a JSON array of {@code Any} messages, {@code []} when there are none. */
    public String getDetailsJson() {
        return this.detailsJson;
    }

    /** Responses (JSON) that arrived before the call failed, e.g. the first items of a broken stream. */
    public List<String> getReceived() {
        return this.received;
    }

    /** A trailer, or a response header when the server sent it before failing; {@code null} when absent. */
    public String header(String name) {
        Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
        String value = this.trailers.get(key);
        return (value != null) ? value : this.headers.get(key);
    }
}
