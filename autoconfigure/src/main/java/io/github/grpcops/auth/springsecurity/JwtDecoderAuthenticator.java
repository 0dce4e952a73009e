package io.github.grpcops.auth.springsecurity;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.AuthenticationUnavailableException;
import io.github.grpcops.auth.BearerTokenAuthenticator;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcPrincipal;
import io.github.grpcops.auth.jwt.JwtClaims;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Bearer tokens verified by the application's own {@link JwtDecoder} bean
 * ({@code grpc.auth.spring-security.bearer-tokens=jwt-decoder}), e.g. the one Spring Boot builds from
 * {@code spring.security.oauth2.resourceserver.jwt.*}, so HTTP and gRPC accept the same tokens from
 * one configuration. The claims become the caller by grpc.auth.jwt's claim names ({@link JwtClaims}). A
 * token the decoder finds bad is {@code UNAUTHENTICATED}; a decoder that cannot decide (its keys cannot
 * be fetched) makes the call {@code UNAVAILABLE}.
 */
public class JwtDecoderAuthenticator extends BearerTokenAuthenticator {

    private final JwtDecoder decoder;

    private final JwtClaims claims;

    public JwtDecoderAuthenticator(JwtDecoder decoder, GrpcAuthProperties.Jwt properties) {
        super(properties.getMaxTokenLength());
        this.decoder = decoder;
        this.claims = new JwtClaims(properties);
    }

    @Override
    protected GrpcPrincipal verify(String token) {
        Jwt jwt;
        try {
            jwt = this.decoder.decode(token);
        }
        catch (BadJwtException ex) {
            // its message may quote claims: only the type is kept
            throw new AuthenticationFailedException("token rejected by the JwtDecoder: " + ex.getClass().getSimpleName());
        }
        catch (JwtException ex) {
            throw new AuthenticationUnavailableException(UNAVAILABLE);
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new AuthenticationFailedException("token has no sub claim");
        }
        return this.claims.toPrincipal(jwt.getSubject(), jwt.getClaims());
    }
}
