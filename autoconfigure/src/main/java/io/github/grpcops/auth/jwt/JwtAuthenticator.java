package io.github.grpcops.auth.jwt;

import java.security.Key;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.AuthenticationMethod;
import io.github.grpcops.auth.CredentialAuthenticator;
import io.github.grpcops.auth.Credentials;
import io.github.grpcops.auth.ExpiringCache;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcPrincipal;
import io.grpc.Metadata;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.UnsupportedJwtException;

/**
 * Verifies {@code authorization: Bearer <token>} with jjwt: signature with the configured key and only
 * the pinned algorithms (unsigned {@code alg: none} tokens are never accepted), {@code exp} required,
 * {@code nbf}, issuer and audience checked, all with the configured clock skew. Verified tokens are
 * cached, bounded, each entry expiring no later than its token's {@code exp}, so a hot token is
 * verified once.
 */
class JwtAuthenticator implements CredentialAuthenticator {

    private static final String BEARER = "bearer ";

    private static final Pattern AUTHORITY_SEPARATORS = Pattern.compile("[\\s,]+");

    private final GrpcAuthProperties.Jwt properties;

    private final JwtParser parser;

    private final ExpiringCache<String, GrpcPrincipal> verified;

    public JwtAuthenticator(GrpcAuthProperties.Jwt properties, JwtVerificationKey key, Clock clock) {
        this.properties = properties;
        this.verified = new ExpiringCache<>(properties.getCacheSize(), clock);
        JwtParserBuilder builder = Jwts.parser()
            .keyLocator(new PinnedKeyLocator(key))
            .clock(() -> Date.from(clock.instant()))
            .clockSkewSeconds(properties.getClockSkew().toSeconds());
        if (properties.getIssuer() != null) {
            builder.requireIssuer(properties.getIssuer());
        }
        if (properties.getAudience() != null) {
            builder.requireAudience(properties.getAudience());
        }
        this.parser = builder.build();
    }

    @Override
    public boolean isPresent(Metadata headers) {
        return headers.containsKey(Credentials.AUTHORIZATION);
    }

    @Override
    public GrpcPrincipal authenticate(Metadata headers) {
        String value = Credentials.single(headers.getAll(Credentials.AUTHORIZATION), "authorization");
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthenticationFailedException("authorization scheme is not Bearer, or the token is empty");
        }
        String token = value.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > this.properties.getMaxTokenLength()) {
            throw new AuthenticationFailedException("token is empty or longer than "
                    + this.properties.getMaxTokenLength() + " characters");
        }
        GrpcPrincipal cached = this.verified.get(token);
        if (cached != null) {
            return cached;
        }
        Claims claims = verify(token);
        GrpcPrincipal principal = toPrincipal(claims);
        this.verified.put(token, principal, claims.getExpiration().toInstant());
        return principal;
    }

    private Claims verify(String token) {
        Claims claims;
        try {
            claims = this.parser.parseSignedClaims(token).getPayload();
        }
        catch (RuntimeException ex) {
            // Whatever jjwt throws for hostile input (bad base64, JSON, signature, algorithm, dates, claims)
            // means the same to the caller; its message may quote claims, so only the type is kept.
            throw new AuthenticationFailedException("token rejected: " + ex.getClass().getSimpleName());
        }
        if (claims.getExpiration() == null) {
            throw new AuthenticationFailedException("token has no exp claim");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new AuthenticationFailedException("token has no sub claim");
        }
        return claims;
    }

    GrpcPrincipal toPrincipal(Claims claims) {
        Object name = claims.get(this.properties.getNameClaim());
        Map<String, Object> copy = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, (v instanceof Date date) ? date.toInstant() : v);
            }
        });
        return GrpcPrincipal.builder(claims.getSubject(), AuthenticationMethod.JWT)
            .name((name instanceof String s && !s.isBlank()) ? s : claims.getSubject())
            .authorities(authorities(claims.get(this.properties.getAuthoritiesClaim())))
            .staff(flag(claims.get(this.properties.getStaffClaim())))
            .superuser(flag(claims.get(this.properties.getSuperuserClaim())))
            .claims(copy)
            .build();
    }

    static Collection<String> authorities(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(v -> v != null).map(Object::toString).toList();
        }
        if (claim instanceof String value && !value.isBlank()) {
            return List.of(AUTHORITY_SEPARATORS.split(value.trim()));
        }
        return List.of();
    }

    private static boolean flag(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim);
    }

    /** The cache's size, for tests and metrics. */
    int cachedTokens() {
        return this.verified.size();
    }

    /** Answers only for the pinned algorithms: any other {@code alg} (none included) fails before verifying. */
    private static final class PinnedKeyLocator extends LocatorAdapter<Key> {

        private final JwtVerificationKey key;

        PinnedKeyLocator(JwtVerificationKey key) {
            this.key = key;
        }

        @Override
        protected Key locate(JwsHeader header) {
            Key found = this.key.keyFor(header.getAlgorithm());
            if (found == null) {
                throw new UnsupportedJwtException("algorithm not accepted");
            }
            return found;
        }
    }
}
