package io.github.grpcops.auth.jwt;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcPrincipal;
import io.github.grpcops.auth.probe.MutableClock;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.grpc.Metadata;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier on its own: the token cache's bounds, EC keys, and start-up checks of the key. */
class JwtAuthenticatorTest {

    private final MutableClock clock = new MutableClock(Instant.now());

    private JwtAuthenticator hmac(int cacheSize) {
        GrpcAuthProperties.Jwt properties = new GrpcAuthProperties.Jwt();
        properties.setSecret(TestTokens.SECRET);
        properties.setCacheSize(cacheSize);
        properties.setClockSkew(Duration.ZERO);
        return new JwtAuthenticator(properties, JwtVerificationKey.from(properties), this.clock);
    }

    private String token(String subject, Instant expiresAt) {
        return TestTokens.builder(subject, expiresAt).issuedAt(Date.from(this.clock.instant()))
            .signWith(TestTokens.hmacKey(), Jwts.SIG.HS256)
            .compact();
    }

    @Test
    void cachedTokenIsRejectedOnceItsExpiryPasses() {
        JwtAuthenticator authenticator = hmac(100);
        Metadata headers = ProbeClient.bearer(token("alice", this.clock.instant().plusSeconds(60)));
        assertThat(authenticator.authenticate(headers).id()).isEqualTo("alice");
        assertThat(authenticator.cachedTokens()).isEqualTo(1);
        this.clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> authenticator.authenticate(headers)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(authenticator.cachedTokens()).isZero();
    }

    @Test
    void hotTokenIsVerifiedOnceAndServedFromTheCache() {
        JwtAuthenticator authenticator = hmac(100);
        Metadata headers = ProbeClient.bearer(token("alice", this.clock.instant().plusSeconds(60)));
        GrpcPrincipal first = authenticator.authenticate(headers);
        assertThat(authenticator.authenticate(headers)).isSameAs(first);
    }

    @Test
    void aCachedTokenEndsWithTheKeyThatVerifiedItEvenWhenKeysRotateDuringTheCall() {
        GrpcAuthProperties.Jwt properties = new GrpcAuthProperties.Jwt();
        Key signing = TestTokens.hmacKey();
        Key next = Jwts.SIG.HS256.key().build();
        // Hands out the signing key once, then only its successor (a rotation), and trusts only the successor.
        AtomicInteger lookups = new AtomicInteger();
        VerificationKeys rotating = new VerificationKeys() {
            @Override
            public Key keyFor(JwsHeader header) {
                return (lookups.getAndIncrement() == 0) ? signing : next;
            }

            @Override
            public boolean trusts(Key key) {
                return key.equals(next);
            }
        };
        JwtAuthenticator authenticator = new JwtAuthenticator(properties, rotating, this.clock);
        Metadata headers = ProbeClient.bearer(token("alice", this.clock.instant().plusSeconds(60)));

        assertThat(authenticator.authenticate(headers).id()).isEqualTo("alice");
        assertThat(lookups).hasValue(1);
        // The signing key is rotated out: the cached verification goes with it, and the new key refuses the token.
        assertThatThrownBy(() -> authenticator.authenticate(headers)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void cacheStaysWithinItsBound() {
        JwtAuthenticator authenticator = hmac(50);
        for (int i = 0; i < 500; i++) {
            authenticator.authenticate(ProbeClient.bearer(token("user" + i, this.clock.instant().plusSeconds(60))));
        }
        assertThat(authenticator.cachedTokens()).isBetween(1, 50);
    }

    @Test
    void ecPublicKeyInPemVerifiesEs256Tokens() {
        KeyPair ec = Jwts.SIG.ES256.keyPair().build();
        GrpcAuthProperties.Jwt properties = new GrpcAuthProperties.Jwt();
        properties.setPublicKey(new ByteArrayResource(
                RsaJwtAuthenticationTest.pem(ec.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII)));
        JwtAuthenticator authenticator = new JwtAuthenticator(properties, JwtVerificationKey.from(properties),
                this.clock);
        String token = TestTokens.builder("ec-user", this.clock.instant().plusSeconds(60))
            .signWith(ec.getPrivate(), Jwts.SIG.ES256)
            .compact();
        assertThat(authenticator.authenticate(ProbeClient.bearer(token)).id()).isEqualTo("ec-user");
    }

    @Test
    void shortHmacSecretStopsStartUpWithAClearMessageThatHidesIt() {
        GrpcAuthProperties.Jwt properties = new GrpcAuthProperties.Jwt();
        properties.setSecret("too-short-secret");
        assertThatIllegalStateException().isThrownBy(() -> JwtVerificationKey.from(properties))
            .withMessageContaining("grpc.auth.jwt.secret is 128 bits, but HS256 needs at least 256 bits")
            .withMessageNotContaining("too-short-secret");
        properties.setSecret(TestTokens.SECRET);
        properties.setAlgorithms(List.of("HS512"));
        assertThatIllegalStateException().isThrownBy(() -> JwtVerificationKey.from(properties))
            .withMessageContaining("HS512 needs at least 512 bits");
    }

    @Test
    void algorithmsThatDoNotFitTheKeyOrNoneStopStartUp() {
        GrpcAuthProperties.Jwt properties = new GrpcAuthProperties.Jwt();
        properties.setSecret(TestTokens.SECRET);
        properties.setAlgorithms(List.of("RS256"));
        assertThatIllegalStateException().isThrownBy(() -> JwtVerificationKey.from(properties))
            .withMessageContaining("RS256 does not fit an HMAC secret");
        properties.setAlgorithms(List.of("none"));
        assertThatIllegalStateException().isThrownBy(() -> JwtVerificationKey.from(properties))
            .withMessageContaining("must not contain 'none'");
        properties.setPublicKey(new ByteArrayResource("not a key".getBytes()));
        assertThatIllegalStateException().isThrownBy(() -> VerificationKeys.from(properties))
            .withMessageContaining("either grpc.auth.jwt.secret");
    }

    @Test
    void claimsMapToPrincipalFieldsWithConfiguredNames() {
        GrpcAuthProperties.Jwt properties = new GrpcAuthProperties.Jwt();
        properties.setSecret(TestTokens.SECRET);
        properties.setAuthoritiesClaim("scope");
        properties.setStaffClaim("is_staff");
        properties.setNameClaim("preferred_username");
        JwtAuthenticator authenticator = new JwtAuthenticator(properties, JwtVerificationKey.from(properties),
                this.clock);
        String token = TestTokens.builder("42", this.clock.instant().plusSeconds(60))
            .claims(Map.of("scope", "read write", "is_staff", true, "preferred_username", "erin"))
            .signWith(TestTokens.hmacKey(), Jwts.SIG.HS256)
            .compact();
        GrpcPrincipal principal = authenticator.authenticate(ProbeClient.bearer(token));
        assertThat(principal.id()).isEqualTo("42");
        assertThat(principal.name()).isEqualTo("erin");
        assertThat(principal.authorities()).containsExactlyInAnyOrder("read", "write");
        assertThat(principal.isStaff()).isTrue();
        assertThat(principal.isSuperuser()).isFalse();
        assertThat(principal.claims()).containsEntry("sub", "42");
    }
}
