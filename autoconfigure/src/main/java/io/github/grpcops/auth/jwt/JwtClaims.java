package io.github.grpcops.auth.jwt;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.grpcops.auth.AuthenticationMethod;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcPrincipal;

/**
 * Turns a verified token's claims into the caller, by the claim names {@code grpc.auth.jwt.*} configures:
 * the subject is the id, {@code name-claim} the name, {@code authorities-claim} the authorities (a list,
 * or a space- or comma-separated string), {@code staff-claim} and {@code superuser-claim} the flags. The
 * same for tokens grpc-ops verifies itself and those an application's own {@code JwtDecoder} verifies.
 */
public final class JwtClaims {

    private static final Pattern AUTHORITY_SEPARATORS = Pattern.compile("[\\s,]+");

    private final GrpcAuthProperties.Jwt properties;

    public JwtClaims(GrpcAuthProperties.Jwt properties) {
        this.properties = properties;
    }

    /** The caller these claims describe; dates become {@link Instant}s in its claims. */
    public GrpcPrincipal toPrincipal(String subject, Map<String, ?> claims) {
        Object name = claims.get(this.properties.getNameClaim());
        Map<String, Object> copy = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, (v instanceof Date date) ? date.toInstant() : v);
            }
        });
        return GrpcPrincipal.builder(subject, AuthenticationMethod.JWT)
            .name((name instanceof String s && !s.isBlank()) ? s : subject)
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
}
