package io.github.grpcops.auth.springsecurity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.AuthenticationMethod;
import io.github.grpcops.auth.AuthenticationUnavailableException;
import io.github.grpcops.auth.BearerTokenAuthenticator;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcPrincipal;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer tokens verified by the application's own {@link AuthenticationManager} bean
 * ({@code grpc.auth.spring-security.bearer-tokens=authentication-manager}), handed a
 * {@link BearerTokenAuthenticationToken} as Spring Security's resource server hands it (JWT or opaque
 * tokens, whatever providers the manager has). The resulting {@link Authentication} becomes the caller:
 * its name the id, its granted authorities the authorities, the configured staff and superuser
 * authorities the flags, a token's attributes the claims. A refused token is {@code UNAUTHENTICATED}; an
 * {@link AuthenticationServiceException} (the manager could not decide) makes the call {@code UNAVAILABLE}.
 */
public class AuthenticationManagerAuthenticator extends BearerTokenAuthenticator {

    private final AuthenticationManager manager;

    private final String staffAuthority;

    private final String superuserAuthority;

    public AuthenticationManagerAuthenticator(AuthenticationManager manager, GrpcAuthProperties properties) {
        super(properties.getJwt().getMaxTokenLength());
        this.manager = manager;
        this.staffAuthority = properties.getSpringSecurity().getStaffAuthority();
        this.superuserAuthority = properties.getSpringSecurity().getSuperuserAuthority();
    }

    @Override
    protected GrpcPrincipal verify(String token) {
        Authentication authentication;
        try {
            authentication = this.manager.authenticate(new BearerTokenAuthenticationToken(token));
        }
        catch (AuthenticationServiceException ex) {
            throw new AuthenticationUnavailableException(UNAVAILABLE);
        }
        catch (AuthenticationException ex) {
            throw new AuthenticationFailedException("token rejected by the AuthenticationManager: "
                    + ex.getClass().getSimpleName());
        }
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            throw new AuthenticationFailedException("the AuthenticationManager did not authenticate the token");
        }
        List<String> authorities = new ArrayList<>();
        boolean staff = false;
        boolean superuser = false;
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            String authority = granted.getAuthority();
            staff |= this.staffAuthority.equals(authority);
            superuser |= this.superuserAuthority.equals(authority);
            if (authority != null) {
                authorities.add(authority);
            }
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> oauth2) {
            oauth2.getTokenAttributes().forEach((name, value) -> {
                if (value != null) {
                    claims.put(name, value);
                }
            });
        }
        return GrpcPrincipal.builder(authentication.getName(), AuthenticationMethod.BEARER_TOKEN)
            .authorities(authorities)
            .staff(staff)
            .superuser(superuser)
            .claims(claims)
            .build();
    }
}
