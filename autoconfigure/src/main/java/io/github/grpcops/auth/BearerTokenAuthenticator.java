package io.github.grpcops.auth;

import io.grpc.Metadata;

/**
 * Base of the authenticators of {@code authorization: Bearer <token>}: grpc-ops' own JWT verification
 * and the ones that hand the token to the application's Spring Security. Finds the one token (no other
 * scheme, not empty, not longer than the limit, before any parsing) and leaves its verification to
 * {@link #verify}.
 */
public abstract class BearerTokenAuthenticator implements CredentialAuthenticator {

    /** What a caller reads when its token cannot be verified now (the verifier's keys cannot be fetched …). */
    protected static final String UNAVAILABLE = "Authentication is temporarily unavailable: the token cannot be "
            + "verified now; retry later";

    private final int maxTokenLength;

    protected BearerTokenAuthenticator(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    @Override
    public boolean isPresent(Metadata headers) {
        return headers.containsKey(Credentials.AUTHORIZATION);
    }

    @Override
    public GrpcPrincipal authenticate(Metadata headers) {
        return verify(Credentials.bearerToken(headers, this.maxTokenLength));
    }

    /**
     * The caller {@code token} proves.
     * @throws AuthenticationFailedException when the token is not valid
     * @throws AuthenticationUnavailableException when it cannot be verified now
     */
    protected abstract GrpcPrincipal verify(String token);
}
