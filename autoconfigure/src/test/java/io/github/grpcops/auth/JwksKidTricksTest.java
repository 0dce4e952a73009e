package io.github.grpcops.auth;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.stream.Stream;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.Invocations;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.ProbeRejections;
import io.github.grpcops.auth.probe.TestIdentityProvider;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Status;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-credential suite for keys from an identity provider: tokens playing tricks with the key id
 * and the headers that name keys elsewhere ({@code jku}, {@code x5u}, an embedded {@code jwk}) are
 * refused with {@code UNAUTHENTICATED} in every call type, a server the forged headers point to is never
 * contacted, and the provider is only ever asked for its discovery document and its key set, whatever
 * the {@code kid} says.
 */
@SpringBootTest(classes = AuthProbeApplication.class, properties = { "grpc.server.port=0",
        "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off", "grpc.auth.require-auth=true",
        "grpc.auth.jwt.jwks.allow-http=true", "grpc.auth.jwt.jwks.min-fetch-interval=100ms",
        "grpc.auth.brute-force.max-failures=1000000" })
class JwksKidTricksTest {

    static final TestIdentityProvider provider = new TestIdentityProvider();

    static final TestIdentityProvider.Bystander elsewhere = new TestIdentityProvider.Bystander();

    /** A key pair of the attacker's, published nowhere. */
    static final KeyPair attacker = Jwts.SIG.RS256.keyPair().build();

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    Invocations invocations;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("grpc.auth.jwt.issuer-uri", provider::issuer);
    }

    @BeforeAll
    static void publish() {
        provider.publish("trick-key");
    }

    @AfterAll
    static void stopServers() {
        provider.close();
        elsewhere.close();
    }

    static Stream<Arguments> kidTricks() {
        RSAPublicKey published = (RSAPublicKey) provider.key("trick-key").getPublic();
        return Stream.of(
                Arguments.of("unknown kid", forged("never-published")),
                Arguments.of("kid with a path", forged("../../../realms/test/protocol/openid-connect/certs")),
                Arguments.of("kid with an encoded path", forged("..%2F..%2Fadmin")),
                Arguments.of("kid that is a URL", forged(elsewhere.uri("/kid").toString())),
                Arguments.of("kid with a query", forged("trick-key?kid=other&x=1")),
                Arguments.of("kid with control characters", forged("trick-key\r\nX-Injected: 1")),
                Arguments.of("published kid, another key", forged("trick-key")),
                Arguments.of("no kid, another key", provider.builder("mallory")
                    .signWith(attacker.getPrivate(), Jwts.SIG.RS256)
                    .compact()),
                Arguments.of("jku to another server", provider.builder("mallory")
                    .header().keyId("attacker").jwkSetUrl(elsewhere.uri("/jwks.json")).and()
                    .signWith(attacker.getPrivate(), Jwts.SIG.RS256).compact()),
                Arguments.of("x5u to another server", provider.builder("mallory")
                    .header().keyId("attacker").x509Url(elsewhere.uri("/cert.pem")).and()
                    .signWith(attacker.getPrivate(), Jwts.SIG.RS256).compact()),
                Arguments.of("embedded jwk", provider.builder("mallory")
                    .header().jwk(Jwks.builder().key((RSAPublicKey) attacker.getPublic()).build()).and()
                    .signWith(attacker.getPrivate(), Jwts.SIG.RS256).compact()),
                Arguments.of("embedded jwk under the published kid", provider.builder("mallory")
                    .header().keyId("trick-key").jwk(Jwks.builder().key((RSAPublicKey) attacker.getPublic()).build())
                    .and().signWith(attacker.getPrivate(), Jwts.SIG.RS256).compact()),
                Arguments.of("HS256 keyed with the published public key", provider.builder("mallory")
                    .header().keyId("trick-key").and()
                    .signWith(Keys.hmacShaKeyFor(published.getEncoded()), Jwts.SIG.HS256).compact()),
                Arguments.of("alg none with the published kid", TestTokens.unsigned("mallory")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kidTricks")
    void forgedKeyHeadersAreRefusedAndNeverFollowed(String label, String token) {
        ProbeRejections.assertRejectedEverywhere(this.grpc.channel(), this.invocations, ProbeClient.bearer(token),
                Status.Code.UNAUTHENTICATED, "Invalid credentials", "INVALID_CREDENTIALS", token);
        assertThat(elsewhere.requests()).as("requests to the server a forged header names").isEmpty();
        assertThat(provider.requests()).allMatch(path -> path.equals(TestIdentityProvider.DISCOVERY_PATH)
                || path.equals(TestIdentityProvider.CERTS_PATH));
    }

    @Test
    void aTokenOfThePublishedKeyPasses() {
        assertThat(new ProbeClient(this.grpc.channel(), ProbeClient.bearer(provider.token("trick-key", "trent")))
            .who()
            .getPrincipalId()).isEqualTo("trent");
    }

    /** Signed with the attacker's key, claiming {@code kid}. */
    private static String forged(String kid) {
        return provider.builder("mallory").header().keyId(kid).and()
            .signWith(attacker.getPrivate(), Jwts.SIG.RS256).compact();
    }
}
