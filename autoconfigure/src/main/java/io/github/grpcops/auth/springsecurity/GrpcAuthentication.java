package io.github.grpcops.auth.springsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.grpcops.auth.GrpcPrincipal;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A grpc-ops caller as Spring Security's {@code Authentication}: the {@link GrpcPrincipal} is the
 * principal, its id the name (as Spring's {@code JwtAuthenticationToken} is named by the token's subject),
 * its authorities the granted authorities as they are, plus the staff and superuser authorities
 * ({@code ROLE_STAFF}, {@code ROLE_SUPERUSER} unless configured otherwise) when it has those flags. It
 * holds no credential.
 */
public final class GrpcAuthentication extends AbstractAuthenticationToken {

    private final GrpcPrincipal principal;

    private GrpcAuthentication(GrpcPrincipal principal, List<GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        setAuthenticated(true);
    }

    /** The caller with its authorities and, for its flags, {@code staffAuthority} and {@code superuserAuthority}. */
    public static GrpcAuthentication of(GrpcPrincipal principal, String staffAuthority, String superuserAuthority) {
        Set<String> names = new TreeSet<>(principal.authorities());
        if (principal.isStaff()) {
            names.add(staffAuthority);
        }
        if (principal.isSuperuser()) {
            names.add(superuserAuthority);
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        names.forEach(name -> authorities.add(new SimpleGrantedAuthority(name)));
        return new GrpcAuthentication(principal, authorities);
    }

    @Override
    public GrpcPrincipal getPrincipal() {
        return this.principal;
    }

    /** Always {@code null}: the token or key the caller presented is never kept. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return this.principal.id();
    }
}
