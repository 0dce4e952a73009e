package io.github.grpcops.auth.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

/** Mints test tokens with jjwt; the secrets here exist only in tests and are scanned for in output. */
public final class TestTokens {

    /** 256 bits exactly: the least HS256 accepts. */
    public static final String SECRET = "test-secret-0123456789-abcdefghij";

    public static final String INTERNAL_KEY = "internal-key-0123456789-abcdefghijkl";

    private TestTokens() {
    }

    public static SecretKey hmacKey() {
        return Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /** A valid HS256 token for {@code subject}, an hour long, with extra claims. */
    public static String hs256(String subject, Map<String, ?> claims) {
        return builder(subject, Instant.now().plus(Duration.ofHours(1))).claims(claims)
            .signWith(hmacKey(), Jwts.SIG.HS256)
            .compact();
    }

    public static JwtBuilder builder(String subject, Instant expiresAt) {
        JwtBuilder builder = Jwts.builder().subject(subject).issuedAt(new Date());
        return (expiresAt != null) ? builder.expiration(Date.from(expiresAt)) : builder;
    }

    /** An unsigned token claiming {@code alg: none}, as an attacker would forge it. */
    public static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
