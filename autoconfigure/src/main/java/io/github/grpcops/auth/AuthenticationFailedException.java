package io.github.grpcops.auth;

/**
 * A credential was presented but is not valid. The reason goes to the server's debug log, never to the
 * client (which always gets the same generic message) and never contains the credential.
 */
public class AuthenticationFailedException extends RuntimeException {

    public AuthenticationFailedException(String reason) {
        super(reason, null, false, false);
    }
}
