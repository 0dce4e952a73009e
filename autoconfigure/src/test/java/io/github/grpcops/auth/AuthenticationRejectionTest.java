package io.github.grpcops.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.CreatedApiKey;
import io.github.grpcops.auth.apikey.NewApiKey;
import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.Invocations;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.ProbeRejections;
import io.github.grpcops.auth.probe.TestIdentityProvider;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad credential of the issue, over real Netty with require-auth on (H2): each gets
 * {@code UNAUTHENTICATED} with a generic message that never echoes it, in every call type, and no
 * service code runs.
 */
@AuthProbeTest(properties = { "grpc.auth.require-auth=true", "grpc.auth.jwt.issuer=https://issuer.test",
        "grpc.auth.jwt.audience=grpc-ops-tests", "grpc.auth.jwt.clock-skew=5s",
        "grpc.server.max-inbound-metadata-size=256KB" })
class AuthenticationRejectionTest {

    private static final KeyPair RSA = Jwts.SIG.RS256.keyPair().build();

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    Invocations invocations;

    @Autowired
    ApiKeyManager apiKeys;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void reset() {
        this.invocations.reset();
    }

    static String valid(io.jsonwebtoken.JwtBuilder builder) {
        return builder.issuer("https://issuer.test").audience().add("grpc-ops-tests").and()
            .signWith(TestTokens.hmacKey(), Jwts.SIG.HS256)
            .compact();
    }

    static io.jsonwebtoken.JwtBuilder claims() {
        return TestTokens.builder("mallory", Instant.now().plus(Duration.ofHours(1)))
            .issuer("https://issuer.test")
            .audience()
            .add("grpc-ops-tests")
            .and();
    }

    static Stream<Arguments> badBearerTokens() {
        String good = valid(TestTokens.builder("mallory", Instant.now().plus(Duration.ofHours(1))));
        String[] parts = good.split("\\.");
        String tamperedSignature = parts[0] + "." + parts[1] + "."
                + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
        return Stream.of(
                Arguments.of("empty token", "Bearer "),
                Arguments.of("blank token", "Bearer    "),
                Arguments.of("wrong scheme", "Basic bWFsbG9yeTpwYXNzd29yZA=="),
                Arguments.of("token without scheme", good),
                Arguments.of("alg none", "Bearer " + TestTokens.unsigned("mallory")),
                Arguments.of("wrong signature", "Bearer " + tamperedSignature),
                Arguments.of("signed with another secret", "Bearer " + claims()
                    .signWith(Keys.hmacShaKeyFor("another-secret-0123456789-abcdefghij".getBytes(
                            StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                    .compact()),
                Arguments.of("RS256 against the HMAC secret", "Bearer " + claims()
                    .signWith(RSA.getPrivate(), Jwts.SIG.RS256).compact()),
                Arguments.of("HS512 not among the pinned algorithms", "Bearer " + claims()
                    .signWith(Keys.hmacShaKeyFor(TestTokens.SECRET.repeat(2).getBytes(StandardCharsets.UTF_8)),
                            Jwts.SIG.HS512)
                    .compact()),
                Arguments.of("expired", "Bearer " + valid(TestTokens.builder("mallory",
                        Instant.now().minus(Duration.ofMinutes(1))))),
                Arguments.of("no exp", "Bearer " + valid(TestTokens.builder("mallory", null))),
                Arguments.of("not yet valid", "Bearer " + valid(TestTokens.builder("mallory",
                        Instant.now().plus(Duration.ofHours(2))).notBefore(Date.from(Instant.now().plus(
                                Duration.ofHours(1)))))),
                Arguments.of("wrong issuer", "Bearer " + TestTokens.builder("mallory",
                        Instant.now().plus(Duration.ofHours(1))).issuer("https://evil.test").audience()
                    .add("grpc-ops-tests").and().signWith(TestTokens.hmacKey(), Jwts.SIG.HS256).compact()),
                Arguments.of("wrong audience", "Bearer " + TestTokens.builder("mallory",
                        Instant.now().plus(Duration.ofHours(1))).issuer("https://issuer.test").audience()
                    .add("someone-else").and().signWith(TestTokens.hmacKey(), Jwts.SIG.HS256).compact()),
                Arguments.of("garbage base64", "Bearer %%%not-base64%%%.@@@.!!!"),
                Arguments.of("garbage segments", "Bearer " + Base64.getUrlEncoder().encodeToString(
                        "{\"alg\":".getBytes(StandardCharsets.UTF_8)) + ".e30.c2ln"),
                Arguments.of("64 kB token", "Bearer " + "a".repeat(64 * 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBearerTokens")
    void badBearerTokenIsUnauthenticatedInEveryCallType(String label, String authorization) {
        assertRejectedEverywhere(ProbeClient.header("authorization", authorization), "Invalid credentials",
                authorization);
    }

    @Test
    void keysNamedByTheTokenItselfAreNeverFetchedNorUsed() {
        try (TestIdentityProvider.Bystander elsewhere = new TestIdentityProvider.Bystander()) {
            String jku = claims().header().jwkSetUrl(elsewhere.uri("/jwks.json")).keyId("k").and()
                .signWith(RSA.getPrivate(), Jwts.SIG.RS256).compact();
            String x5u = claims().header().x509Url(elsewhere.uri("/cert.pem")).and()
                .signWith(Keys.hmacShaKeyFor("attacker-secret-0123456789-abcdefgh".getBytes(StandardCharsets.UTF_8)),
                        Jwts.SIG.HS256)
                .compact();
            String jwk = claims().header().jwk(Jwks.builder().key((RSAPublicKey) RSA.getPublic()).build()).and()
                .signWith(RSA.getPrivate(), Jwts.SIG.RS256).compact();
            for (String token : List.of(jku, x5u, jwk)) {
                assertRejectedEverywhere(ProbeClient.bearer(token), "Invalid credentials", token);
            }
            assertThat(elsewhere.requests()).as("requests to the server the tokens name").isEmpty();
        }
    }

    @Test
    void aValidTokenOfTheseTestsPasses() {
        String token = valid(TestTokens.builder("mallory", Instant.now().plus(Duration.ofHours(1))));
        assertThat(new ProbeClient(this.grpc.channel(), ProbeClient.bearer(token)).who().getPrincipalId())
            .isEqualTo("mallory");
    }

    @Test
    void noCredentialOnAProtectedMethodIsUnauthenticatedInEveryCallType() {
        assertRejectedEverywhere(new Metadata(), "Authentication required", null);
    }

    @Test
    void twoAuthorizationHeadersAreUnauthenticated() {
        String token = valid(TestTokens.builder("mallory", Instant.now().plus(Duration.ofHours(1))));
        assertRejectedEverywhere(ProbeClient.header("authorization", "Bearer " + token, "Bearer " + token),
                "Invalid credentials", token);
    }

    @Test
    void twoKindsOfCredentialAreUnauthenticated() {
        String token = valid(TestTokens.builder("mallory", Instant.now().plus(Duration.ofHours(1))));
        Metadata headers = ProbeClient.bearer(token);
        headers.merge(ProbeClient.header("x-internal-key", TestTokens.INTERNAL_KEY));
        assertRejectedEverywhere(headers, "Invalid credentials", TestTokens.INTERNAL_KEY);
    }

    @Test
    void wrongInternalKeyIsUnauthenticated() {
        String wrong = TestTokens.INTERNAL_KEY.substring(1) + "x";
        assertRejectedEverywhere(ProbeClient.header("x-internal-key", wrong), "Invalid credentials", wrong);
    }

    @Test
    void unknownApiKeyIsUnauthenticated() {
        String unknown = "gops_" + "A".repeat(43);
        assertRejectedEverywhere(ProbeClient.header("x-api-key", unknown), "Invalid credentials", unknown);
    }

    @Test
    void revokedApiKeyIsUnauthenticatedAtOnce() {
        CreatedApiKey key = this.apiKeys.create(NewApiKey.named("to-revoke"));
        ProbeClient client = new ProbeClient(this.grpc.channel(), ProbeClient.header("x-api-key", key.secret()));
        assertThat(client.who().getApiKeyId()).isEqualTo(key.key().getId().toString());
        this.invocations.reset();
        this.apiKeys.revoke(key.key().getId());
        assertRejectedEverywhere(ProbeClient.header("x-api-key", key.secret()), "Invalid credentials", key.secret());
    }

    @Test
    void expiredApiKeyIsUnauthenticated() {
        CreatedApiKey key = this.apiKeys.create(NewApiKey.named("expiring"));
        this.jdbc.update("update grpc_api_key set expires_at = ? where id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), key.key().getId());
        assertRejectedEverywhere(ProbeClient.header("x-api-key", key.secret()), "Invalid credentials", key.secret());
    }

    static Stream<Arguments> malformedApiKeys() {
        String invalid = "Invalid credentials";
        // grpc-java drops a header value with control characters before any interceptor sees it, so such
        // a call arrives without a credential.
        String dropped = "Authentication required";
        return Stream.of(Arguments.of("too short", "gops_abc", invalid),
                Arguments.of("wrong prefix", "xxxx_" + "A".repeat(43), invalid),
                Arguments.of("too long", "gops_" + "A".repeat(44), invalid),
                Arguments.of("SQL", "gops_' OR '1'='1' --", invalid),
                Arguments.of("SQL in a well-sized key", "gops_';drop table grpc_api_key;--" + "A".repeat(10), invalid),
                Arguments.of("empty", " ", invalid),
                Arguments.of("control character", "gops_" + "A".repeat(20) + "\u0007" + "A".repeat(22), dropped),
                Arguments.of("tab", "gops_" + "A".repeat(20) + "\t" + "A".repeat(22), dropped));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedApiKeys")
    void malformedApiKeyIsUnauthenticatedAndHarmless(String label, String key, String description) {
        CreatedApiKey other = this.apiKeys.create(NewApiKey.named("bystander"));
        assertRejectedEverywhere(ProbeClient.header("x-api-key", key), description, key);
        assertThat(new ProbeClient(this.grpc.channel(), ProbeClient.header("x-api-key", other.secret())).who()
            .getApiKeyId()).as("other keys still work, the table is intact").isEqualTo(other.key().getId().toString());
    }

    private void assertRejectedEverywhere(Metadata headers, String description, String credential) {
        ProbeRejections.assertRejectedEverywhere(this.grpc.channel(), this.invocations, headers,
                Status.Code.UNAUTHENTICATED, description,
                description.toUpperCase(java.util.Locale.ROOT).replace(' ', '_'), credential);
    }
}
