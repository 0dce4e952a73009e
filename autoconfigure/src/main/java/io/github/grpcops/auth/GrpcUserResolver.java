package io.github.grpcops.auth;

/**
 * Turns a verified credential (token claims, or an API key and its owner) into the principal services
 * see, for instance by loading the application's own user. Runs on every authenticated call that used a
 * JWT or an API key (not the internal key), after the credential was verified; implementations should be
 * fast or cache.
 */
@FunctionalInterface
public interface GrpcUserResolver {

    /**
     * @param verified the principal built from the credential alone (claims or API key fields)
     * @return the principal of the call, or {@code null} when no such user may call (unknown, inactive):
     *     the call fails with {@code UNAUTHENTICATED}
     */
    GrpcPrincipal resolve(GrpcPrincipal verified);
}
