package io.github.grpcops.auth.springsecurity;

import java.util.Map;

import io.github.grpcops.auth.AuthenticationMethod;
import io.github.grpcops.auth.GrpcPrincipal;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/** The caller as an {@code Authentication}: name, principal, authorities, the flags as authorities, no credential. */
class GrpcAuthenticationTest {

    @Test
    void authoritiesAreTheCallersPlusTheConfiguredOnesForItsFlags() {
        GrpcPrincipal root = GrpcPrincipal.builder("42", AuthenticationMethod.JWT)
            .name("Root")
            .authorities(java.util.List.of("reports:read", "ROLE_ADMIN"))
            .staff(true)
            .superuser(true)
            .claims(Map.of("sub", "42"))
            .build();
        GrpcAuthentication authentication = GrpcAuthentication.of(root, "ROLE_STAFF", "ROLE_SUPERUSER");
        assertThat(authentication.getName()).isEqualTo("42");
        assertThat(authentication.getPrincipal()).isSameAs(root);
        assertThat(authentication.getCredentials()).isNull();
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
            .containsExactly("ROLE_ADMIN", "ROLE_STAFF", "ROLE_SUPERUSER", "reports:read");

        GrpcPrincipal plain = GrpcPrincipal.builder("7", AuthenticationMethod.API_KEY).build();
        assertThat(GrpcAuthentication.of(plain, "staff", "admin").getAuthorities()).isEmpty();
        GrpcPrincipal staff = plain.toBuilder().staff(true).build();
        assertThat(GrpcAuthentication.of(staff, "staff", "admin").getAuthorities())
            .extracting(GrantedAuthority::getAuthority)
            .containsExactly("staff");
    }
}
