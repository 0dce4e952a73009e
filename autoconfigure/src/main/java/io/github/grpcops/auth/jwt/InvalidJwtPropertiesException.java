package io.github.grpcops.auth.jwt;

import io.github.grpcops.diagnostics.GrpcOpsConfigurationException;

/**
 * A {@code grpc.auth.jwt.*} setting that cannot work, found at start-up: the message names the property
 * and says what to change, and never shows a secret. Every check of the JWT properties throws this one
 * type, so a failure analyzer can recognise it: it is a {@link GrpcOpsConfigurationException}, which
 * Spring Boot reports as one description (this message) and one action.
 */
public class InvalidJwtPropertiesException extends GrpcOpsConfigurationException {

    public InvalidJwtPropertiesException(String property, String message) {
        this(property, message, null);
    }

    public InvalidJwtPropertiesException(String property, String message, Throwable cause) {
        super(property, message, "Change " + property + " as the description says.", cause);
    }
}
