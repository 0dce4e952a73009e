package io.github.grpcops.auth;

import io.grpc.Metadata;

/**
 * Verifies one kind of credential found in a call's headers. The authentication interceptor asks each
 * one; at most one kind may be present in a call.
 */
public interface CredentialAuthenticator {

    /** Whether the headers carry this kind of credential at all (well-formed or not). */
    boolean isPresent(Metadata headers);

    /**
     * Verifies the credential; only called when {@link #isPresent} is true.
     * @return the caller, before {@link GrpcUserResolver} runs
     * @throws AuthenticationFailedException when the credential is not valid
     */
    GrpcPrincipal authenticate(Metadata headers);

    /** The kind of credential, as grpc-ops' start-up report names it ("JWT", "API keys"...). */
    default String description() {
        return getClass().getSimpleName();
    }
}
