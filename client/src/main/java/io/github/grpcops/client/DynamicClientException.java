package io.github.grpcops.client;

/**
 * Base of what {@link DynamicGrpcClient} throws: each subclass names one way a dynamic call fails,
 * with a message that says what to fix.
 */
public abstract class DynamicClientException extends RuntimeException {

    protected DynamicClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
