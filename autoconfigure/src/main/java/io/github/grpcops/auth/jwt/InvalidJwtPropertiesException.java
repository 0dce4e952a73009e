package io.github.grpcops.auth.jwt;

/**
 * A {@code grpc.auth.jwt.*} setting that cannot work, found at start-up: the message names the property
 * and says what to change, and never shows a secret. Every check of the JWT properties throws this one
 * type, so a failure analyzer can recognise it.
 */
public class InvalidJwtPropertiesException extends IllegalStateException {

    private final String property;

    public InvalidJwtPropertiesException(String property, String message) {
        super(message);
        this.property = property;
    }

    public InvalidJwtPropertiesException(String property, String message, Throwable cause) {
        super(message, cause);
        this.property = property;
    }

    /** The property to change, e.g. {@code grpc.auth.jwt.secret}. */
    public String property() {
        return this.property;
    }
}
