package io.github.grpcops.client;

/**
 * The caller's input does not fit the method: JSON that does not match the request message (with the
 * path of the offending field when one can be named), the wrong number of requests for the call type,
 * or a malformed metadata name. Nothing was sent.
 */
public class InvalidRequestException extends DynamicClientException {

    private final String field;

    private final int requestIndex;

    public InvalidRequestException(String message, String field, int requestIndex, Throwable cause) {
        super(message, cause);
        this.field = field;
        this.requestIndex = requestIndex;
    }

    public InvalidRequestException(String message) {
        this(message, null, -1, null);
    }

    /** Path of the offending field such as {@code items[2].price_cents}, or {@code null} when none applies. */
    public String getField() {
        return this.field;
    }

    /**
     * Position of the offending request in the list sent (0 for a unary call; 1 when a unary call got
     * more than one), or -1 when the problem is not a request (metadata, method name).
     */
    public int getRequestIndex() {
        return this.requestIndex;
    }
}
