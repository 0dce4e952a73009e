package io.github.grpcops.auth.springsecurity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bearer tokens verified by the application's own {@link JwtDecoder} bean
 * ({@code grpc.auth.spring-security.bearer-tokens=jwt-decoder}, no grpc.auth.jwt key), over real Netty:
 * the claims become the caller by grpc.auth.jwt's claim names, tokens the decoder refuses are
 * {@code UNAUTHENTICATED}.
 */
@SpringBootTest(classes = SecurityProbeApplication.class, properties = { "grpc.server.port=0",
        "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
        "grpc.auth.spring-security.bearer-tokens=jwt-decoder", "grpc.auth.brute-force.max-failures=1000000" })
@Import(JwtDecoderBearerTokensTest.Decoder.class)
class JwtDecoderBearerTokensTest {

    @Autowired
    GrpcTestClient grpc;

    @Test
    void tokensTheDecoderAcceptsAuthenticateWithTheirClaims() {
        Channel rita = as(TestTokens.hs256("rita", Map.of("roles", List.of("reports:read"))));
        assertThat(EchoServiceGrpc.newBlockingStub(rita).echo(EchoRequest.getDefaultInstance()).getText())
            .isEqualTo("rita");
        assertThat(EchoCalls.chat(rita, List.of(EchoCalls.text("a")))).extracting(EchoReply::getText)
            .containsExactly("rita", "rita");
        Channel sam = as(TestTokens.hs256("sam", Map.of("staff", true)));
        assertThat(EchoServiceGrpc.newBlockingStub(sam).expand(EchoRequest.newBuilder().setRepeat(1).build()).next()
            .getText()).isEqualTo("sam");
    }

    @Test
    void tokensTheDecoderRefusesAreUnauthenticated() {
        String expired = TestTokens.builder("mallory", Instant.now().minus(Duration.ofHours(1)))
            .signWith(TestTokens.hmacKey(), Jwts.SIG.HS256)
            .compact();
        String good = TestTokens.hs256("mallory", Map.of());
        String tampered = good.substring(0, good.length() - 4) + "AAAA";
        for (String token : List.of(expired, tampered, "not-a-jwt")) {
            assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(as(token)).echo(EchoRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
                    assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(ex.getStatus().getDescription()).isEqualTo("Invalid credentials");
                    assertThat(ErrorDetails.errorInfo(ex).getReason()).isEqualTo("INVALID_CREDENTIALS");
                    assertThat(ErrorDetails.everythingTheClientGot(ex)).doesNotContain(token);
                });
        }
    }

    private Channel as(String token) {
        return GrpcTestClient.withHeader(this.grpc.channel(),
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    }

    /** The application's decoder: HS256 with the tests' secret, as Spring Security builds one. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Decoder {

        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withSecretKey(TestTokens.hmacKey()).build();
        }
    }
}
