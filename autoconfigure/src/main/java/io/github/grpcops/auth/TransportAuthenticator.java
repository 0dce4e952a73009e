package io.github.grpcops.auth;

import io.grpc.ServerCall;

/**
 * Authenticates a call by what its transport proved rather than by a header: a client certificate the
 * TLS handshake verified. Asked only when the call presents no credential header, so a bearer token or
 * key sent over a mutual-TLS connection names the caller.
 */
public interface TransportAuthenticator {

    /**
     * The caller the call's transport vouches for, before {@link GrpcUserResolver} runs, or {@code null}
     * when it vouches for none (no TLS, no client certificate).
     * @throws AuthenticationFailedException when it vouches for an identity that is refused
     */
    GrpcPrincipal authenticate(ServerCall<?, ?> call);
}
