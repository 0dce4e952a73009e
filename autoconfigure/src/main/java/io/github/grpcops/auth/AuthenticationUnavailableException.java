package io.github.grpcops.auth;

/**
 * A credential could not be checked for a reason on the server's side (the identity provider's keys
 * cannot be fetched, say): the caller gets {@code UNAVAILABLE} and may retry, rather than a misleading
 * {@code UNAUTHENTICATED}. The message is the status description the client reads, so it says what is
 * unavailable and never quotes the credential or the server's internals.
 */
public class AuthenticationUnavailableException extends RuntimeException {

    public AuthenticationUnavailableException(String description) {
        super(description, null, false, false);
    }
}
