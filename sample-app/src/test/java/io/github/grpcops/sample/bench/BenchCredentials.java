package io.github.grpcops.sample.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

/** Credentials for the benchmark's authenticated configurations; valid only against its own servers. */
final class BenchCredentials {

    static final String JWT_SECRET = "benchmark-only-secret-0123456789-abcdef";

    /** Registered for bob by the sample's dev profile ({@code sample.dev.api-key}). */
    static final String API_KEY = "gops_benchmarkOnlyKey0123456789abcdefghijklmnopq";

    private static final String TOKEN = Jwts.builder()
        .subject("bob")
        .expiration(Date.from(Instant.now().plus(Duration.ofDays(1))))
        .signWith(Keys.hmacShaKeyFor(JWT_SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
        .compact();

    private BenchCredentials() {
    }

    static String token() {
        return TOKEN;
    }
}
