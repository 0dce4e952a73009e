package io.github.grpcops.auth.jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RS256 with a PEM public key over real Netty; the classic key-confusion attack (an HS256 token whose
 * HMAC secret is the server's public key) is refused.
 */
@SpringBootTest(classes = AuthProbeApplication.class, properties = { "grpc.server.port=0",
        "grpc.server.address=127.0.0.1", "grpc.auth.require-auth=true" })
class RsaJwtAuthenticationTest {

    static final KeyPair RSA = Jwts.SIG.RS256.keyPair().build();

    @Autowired
    GrpcTestClient grpc;

    @DynamicPropertySource
    static void publicKey(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("grpc-ops-test", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, pem(RSA.getPublic().getEncoded()));
        registry.add("grpc.auth.jwt.public-key", () -> pem.toUri().toString());
    }

    static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void rs256TokenSignedWithThePrivateKeyPasses() {
        String token = TestTokens.builder("rsa-user", Instant.now().plus(Duration.ofHours(1)))
            .signWith(RSA.getPrivate(), Jwts.SIG.RS256)
            .compact();
        assertThat(new ProbeClient(this.grpc.channel(), ProbeClient.bearer(token)).who().getPrincipalId())
            .isEqualTo("rsa-user");
    }

    @Test
    void hs256TokenKeyedWithThePublicKeyIsUnauthenticated() {
        String forged = TestTokens.builder("mallory", Instant.now().plus(Duration.ofHours(1)))
            .signWith(Keys.hmacShaKeyFor(pem(RSA.getPublic().getEncoded()).getBytes()), Jwts.SIG.HS256)
            .compact();
        assertThatThrownBy(() -> new ProbeClient(this.grpc.channel(), ProbeClient.bearer(forged)).who())
            .isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
                assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(ex.getStatus().getDescription()).isEqualTo("Invalid credentials");
            });
    }

    @Test
    void hs256TokenWithTheTestSecretIsUnauthenticatedWhenOnlyRsaIsConfigured() {
        assertThatThrownBy(() -> new ProbeClient(this.grpc.channel(),
                ProbeClient.bearer(TestTokens.hs256("mallory", java.util.Map.of()))).who())
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                    ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
}
