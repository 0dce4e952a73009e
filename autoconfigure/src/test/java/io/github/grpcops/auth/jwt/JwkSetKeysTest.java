package io.github.grpcops.auth.jwt;

import java.io.IOException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.AuthenticationUnavailableException;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.probe.MutableClock;
import io.github.grpcops.auth.probe.ProbeClient;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Choosing, caching and re-fetching keys of a JWK Set, with a JWK Set the test serves from memory, a
 * clock it moves, and "background" refreshes run at once on the calling thread: which key a token gets,
 * how often the set is fetched, and what happens when fetching fails. (JwksAuthenticationTest does the
 * same over real HTTP and gRPC, with a real refresh thread.)
 */
class JwkSetKeysTest {

    private static final Duration REFRESH = Duration.ofMinutes(5);

    private static final Duration MIN_FETCH = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    // Shared by the tests: RSA key generation is the slowest part of this class on a loaded machine.
    private static final KeyPair RSA_A = Jwts.SIG.RS256.keyPair().build();

    private static final KeyPair RSA_B = Jwts.SIG.RS256.keyPair().build();

    private final AtomicInteger fetches = new AtomicInteger();

    private volatile String published = "";

    private volatile boolean down;

    private final JwkSetKeys keys = new JwkSetKeys(() -> {
        this.fetches.incrementAndGet();
        if (this.down) {
            throw new IOException("connection refused");
        }
        return this.published;
    }, Set.of("RS256", "ES256"), REFRESH, MIN_FETCH, this.clock, Runnable::run);

    private final JwtAuthenticator authenticator;

    JwkSetKeysTest() {
        GrpcAuthProperties.Jwt properties = new GrpcAuthProperties.Jwt();
        properties.setClockSkew(Duration.ZERO);
        this.authenticator = new JwtAuthenticator(properties, this.keys, this.clock);
    }

    @AfterEach
    void close() {
        this.keys.close();
    }

    @Test
    void keysAreChosenByKidAndFetchedOnceUntilTheRefreshInterval() {
        publish(jwk(RSA_A, "a", null), jwk(RSA_B, "b", null));
        assertThat(subject(token(RSA_A, "a", "alice"))).isEqualTo("alice");
        assertThat(subject(token(RSA_B, "b", "bob"))).isEqualTo("bob");
        assertThat(subject(token(RSA_A, "a", "carol"))).isEqualTo("carol");
        assertThat(this.fetches).hasValue(1);
    }

    @Test
    void aFloodOfUnknownKidsFetchesAtMostOncePerMinimumInterval() {
        publish(jwk(RSA_A, "a", null));
        assertThat(subject(token(RSA_A, "a", "alice"))).isEqualTo("alice");
        // 200 made-up kids over 100 s (one every 500 ms): at most one fetch per 10 s.
        for (int i = 0; i < 200; i++) {
            String forged = token(RSA_A, UUID.randomUUID().toString(), "mallory");
            assertThatThrownBy(() -> subject(forged)).isInstanceOf(AuthenticationFailedException.class);
            this.clock.advance(Duration.ofMillis(500));
        }
        assertThat(this.fetches.get()).isBetween(10, 11);
    }

    @Test
    void aNewKidIsFetchedAtOnceAndARemovedKeyStopsVerifyingCachedTokensToo() {
        publish(jwk(RSA_A, "a", null));
        String old = token(RSA_A, "a", "alice");
        assertThat(subject(old)).isEqualTo("alice");
        publish(jwk(RSA_A, "a", null), jwk(RSA_B, "b", null));
        this.clock.advance(MIN_FETCH);
        assertThat(subject(token(RSA_B, "b", "bob"))).isEqualTo("bob");
        assertThat(this.fetches).hasValue(2);

        publish(jwk(RSA_B, "b", null));
        this.clock.advance(REFRESH);
        assertThat(subject(old)).as("served from the cache, starts the refresh").isEqualTo("alice");
        assertThat(this.fetches).hasValue(3);
        assertThatThrownBy(() -> subject(old)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(subject(token(RSA_B, "b", "bob"))).isEqualTo("bob");
    }

    @Test
    void whileFetchingFailsKnownKeysServeAndUnknownOnesAreUnavailable() {
        publish(jwk(RSA_A, "a", null));
        assertThat(subject(token(RSA_A, "a", "alice"))).isEqualTo("alice");
        this.down = true;
        this.clock.advance(MIN_FETCH);
        assertThatThrownBy(() -> subject(token(RSA_B, "b", "bob")))
            .isInstanceOf(AuthenticationUnavailableException.class)
            .hasMessage(JwkSetKeys.UNAVAILABLE);
        assertThat(subject(token(RSA_A, "a", "carol"))).isEqualTo("carol");
        // Within the minimum interval the failure is not retried: no fetch per call while it is down.
        int fetched = this.fetches.get();
        assertThatThrownBy(() -> subject(token(RSA_B, "b", "dave")))
            .isInstanceOf(AuthenticationUnavailableException.class);
        assertThat(this.fetches).hasValue(fetched);

        this.down = false;
        publish(jwk(RSA_A, "a", null), jwk(RSA_B, "b", null));
        this.clock.advance(MIN_FETCH);
        assertThat(subject(token(RSA_B, "b", "erin"))).isEqualTo("erin");
    }

    @Test
    void neverFetchedAndUnreachableIsUnavailable() {
        this.down = true;
        assertThatThrownBy(() -> subject(token(RSA_A, "a", "alice")))
            .isInstanceOf(AuthenticationUnavailableException.class);
    }

    @Test
    void aTokenWithoutKidNeedsExactlyOneFittingKey() {
        publish(jwk(RSA_A, "a", null));
        assertThat(subject(token(RSA_A, null, "alice"))).isEqualTo("alice");
        publish(jwk(RSA_A, "a", null), jwk(RSA_B, "b", null));
        this.clock.advance(REFRESH);
        subject(token(RSA_A, "a", "refresh"));
        assertThat(this.fetches).hasValue(2);
        assertThatThrownBy(() -> subject(token(RSA_A, null, "alice-again")))
            .isInstanceOf(AuthenticationFailedException.class)
            .hasMessageContaining("no kid and several keys fit RS256");
    }

    @Test
    void keysForAnotherAlgorithmOrUseOrOfAnotherTypeAreNotUsed() {
        KeyPair ec = Jwts.SIG.ES256.keyPair().build();
        publish(jwk(RSA_A, "declared-rs512", "RS512"),
                Jwks.json(Jwks.builder().key((RSAPublicKey) RSA_B.getPublic()).id("encryption")
                    .publicKeyUse("enc").build()),
                Jwks.json(Jwks.builder().key((ECPublicKey) ec.getPublic()).id("ec").build()));
        assertThatThrownBy(() -> subject(token(RSA_A, "declared-rs512", "alice")))
            .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> subject(token(RSA_B, "encryption", "bob")))
            .isInstanceOf(AuthenticationFailedException.class);
        assertThat(subject(Jwts.builder().header().keyId("ec").and().subject("carol")
            .expiration(Date.from(this.clock.instant().plusSeconds(60)))
            .signWith(ec.getPrivate(), Jwts.SIG.ES256)
            .compact())).isEqualTo("carol");
    }

    @Test
    void aKeySetWithoutSigningKeysIsAFailedFetchThatKeepsTheKeysBefore() {
        publish(jwk(RSA_A, "a", null));
        assertThat(subject(token(RSA_A, "a", "alice"))).isEqualTo("alice");
        this.published = "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}]}";
        this.clock.advance(MIN_FETCH);
        assertThatThrownBy(() -> subject(token(RSA_B, "b", "bob")))
            .isInstanceOf(AuthenticationUnavailableException.class);
        assertThat(subject(token(RSA_A, "a", "carol"))).isEqualTo("carol");
    }

    private String subject(String token) {
        return this.authenticator.authenticate(ProbeClient.bearer(token)).id();
    }

    private String token(KeyPair key, String kid, String subject) {
        return Jwts.builder().header().keyId(kid).and()
            .subject(subject)
            .expiration(Date.from(this.clock.instant().plus(Duration.ofHours(1))))
            .signWith(key.getPrivate(), Jwts.SIG.RS256)
            .compact();
    }

    private static String jwk(KeyPair key, String kid, String algorithm) {
        var builder = Jwks.builder().key((RSAPublicKey) key.getPublic()).id(kid);
        if (algorithm != null) {
            builder.algorithm(algorithm);
        }
        return Jwks.json(builder.build());
    }

    private void publish(String... jwks) {
        this.published = List.of(jwks).stream().collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }
}
