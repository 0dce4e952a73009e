package io.github.grpcops.auth;

import java.util.Set;

/**
 * Who may call one method.
 *
 * @param authenticated whether a principal is required
 * @param staff whether the principal must be staff (or superuser)
 * @param superuser whether the principal must be a superuser
 * @param authorities authorities any one of which the principal must hold (superusers pass); empty for none
 */
record AccessRule(boolean authenticated, boolean staff, boolean superuser, Set<String> authorities) {

    public static final AccessRule ANYONE = new AccessRule(false, false, false, Set.of());

    public static final AccessRule AUTHENTICATED = new AccessRule(true, false, false, Set.of());

    /** Whether an authenticated {@code principal} satisfies the requirements beyond being authenticated. */
    public boolean permits(GrpcPrincipal principal) {
        if (principal.isSuperuser()) {
            return true;
        }
        if (this.superuser) {
            return false;
        }
        if (this.staff && !principal.isStaff()) {
            return false;
        }
        return this.authorities.isEmpty() || this.authorities.stream().anyMatch(principal::hasAuthority);
    }
}
