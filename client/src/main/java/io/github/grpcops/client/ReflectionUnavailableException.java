package io.github.grpcops.client;

/** The server answers but offers no usable server reflection, so its services cannot be discovered. */
public class ReflectionUnavailableException extends DynamicClientException {

    public ReflectionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
