package io.github.grpcops.auth;

import java.security.MessageDigest;
import java.util.List;

import io.grpc.Metadata;

/**
 * The shared internal key for service-to-service calls ({@code x-internal-key}). Compared in constant
 * time (SHA-256 digests of both sides, so not even the length leaks); authenticates as the configured
 * principal with the configured authorities, never as a superuser.
 */
class InternalKeyAuthenticator implements CredentialAuthenticator {

    public static final Metadata.Key<String> HEADER = Credentials.INTERNAL_KEY;

    /** Shorter shared secrets are guessable; refuse them at start-up. */
    static final int MIN_LENGTH = 32;

    private final byte[] expectedDigest;

    private final GrpcPrincipal principal;

    public InternalKeyAuthenticator(String secret, String principalName, List<String> authorities) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("grpc.auth.internal-key.secret must be at least " + MIN_LENGTH
                    + " characters when grpc.auth.internal-key.enabled=true");
        }
        this.expectedDigest = Credentials.sha256(secret);
        this.principal = GrpcPrincipal.builder(principalName, AuthenticationMethod.INTERNAL_KEY)
            .authorities(authorities)
            .build();
    }

    @Override
    public boolean isPresent(Metadata headers) {
        return headers.containsKey(HEADER);
    }

    @Override
    public GrpcPrincipal authenticate(Metadata headers) {
        Iterable<String> values = headers.getAll(HEADER);
        String presented = Credentials.single(values, "internal key");
        if (!MessageDigest.isEqual(this.expectedDigest, Credentials.sha256(presented))) {
            throw new AuthenticationFailedException("internal key does not match");
        }
        return this.principal;
    }
}
