package io.github.grpcops.auth.jwt;

import java.security.Key;
import java.time.Clock;
import java.util.Date;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.AuthenticationUnavailableException;
import io.github.grpcops.auth.BearerTokenAuthenticator;
import io.github.grpcops.auth.ExpiringCache;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcPrincipal;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;

/**
 * Verifies {@code authorization: Bearer <token>} with jjwt: signature with a key the
 * {@link VerificationKeys} choose for the token, and only the pinned algorithms (unsigned
 * {@code alg: none} tokens are never accepted), {@code exp} required, {@code nbf}, issuer and audience
 * checked, all with the configured clock skew. Verified tokens are cached, bounded, each entry expiring
 * no later than its token's {@code exp} and dropped once its key is no longer trusted (rotated out of
 * the identity provider's key set), so a hot token is verified once.
 */
class JwtAuthenticator extends BearerTokenAuthenticator {

    private final VerificationKeys keys;

    private final JwtClaims claims;

    private final JwtParser parser;

    private final ExpiringCache<String, Verified> verified;

    /** The key the parser's locator chose for the token this thread is parsing; cleared right after. */
    private final ThreadLocal<Key> located = new ThreadLocal<>();

    public JwtAuthenticator(GrpcAuthProperties.Jwt properties, VerificationKeys keys, Clock clock) {
        super(properties.getMaxTokenLength());
        this.keys = keys;
        this.claims = new JwtClaims(properties);
        this.verified = new ExpiringCache<>(properties.getCacheSize(), clock);
        JwtParserBuilder builder = Jwts.parser()
            .keyLocator(new LocatorAdapter<Key>() {
                @Override
                protected Key locate(JwsHeader header) {
                    Key key = keys.keyFor(header);
                    JwtAuthenticator.this.located.set(key);
                    return key;
                }
            })
            .clock(() -> Date.from(clock.instant()))
            .clockSkewSeconds(properties.getClockSkew().toSeconds());
        String issuer = VerificationKeys.expectedIssuer(properties);
        if (issuer != null) {
            builder.requireIssuer(issuer);
        }
        if (properties.getAudience() != null) {
            builder.requireAudience(properties.getAudience());
        }
        this.parser = builder.build();
    }

    @Override
    public String description() {
        return "JWT";
    }

    @Override
    protected GrpcPrincipal verify(String token) {
        Verified cached = this.verified.get(token);
        if (cached != null) {
            if (this.keys.trusts(cached.key())) {
                return cached.principal();
            }
            this.verified.remove(token);
        }
        Jws<Claims> jws;
        Key key;
        try {
            jws = parse(token);
            key = this.located.get();
        }
        finally {
            this.located.remove();
        }
        Claims payload = jws.getPayload();
        GrpcPrincipal principal = this.claims.toPrincipal(payload.getSubject(), payload);
        // The key that verified it, so the entry ends when that key is no longer trusted (not asked for again:
        // a rotation in between would pin the entry to a key that never verified the token).
        this.verified.put(token, new Verified(principal, key), payload.getExpiration().toInstant());
        return principal;
    }

    private Jws<Claims> parse(String token) {
        Jws<Claims> jws;
        try {
            jws = this.parser.parseSignedClaims(token);
        }
        catch (AuthenticationFailedException | AuthenticationUnavailableException ex) {
            // from the key lookup: no key fits the token, or the keys cannot be fetched now
            throw ex;
        }
        catch (RuntimeException ex) {
            // Whatever jjwt throws for hostile input (bad base64, JSON, signature, algorithm, dates, claims)
            // means the same to the caller; its message may quote claims, so only the type is kept.
            throw new AuthenticationFailedException("token rejected: " + ex.getClass().getSimpleName());
        }
        Claims claims = jws.getPayload();
        if (claims.getExpiration() == null) {
            throw new AuthenticationFailedException("token has no exp claim");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new AuthenticationFailedException("token has no sub claim");
        }
        return jws;
    }

    /** The cache's size, for tests and metrics. */
    int cachedTokens() {
        return this.verified.size();
    }

    /** A verified token's caller, and the key that verified it. */
    private record Verified(GrpcPrincipal principal, Key key) {
    }
}
