package io.github.grpcops.auth.springsecurity;

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
import net.devh.boot.grpc.server.security.interceptors.DefaultAuthenticatingServerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bearer tokens verified by the application's own {@link AuthenticationManager}
 * ({@code grpc.auth.spring-security.bearer-tokens=authentication-manager}), over real Netty. The manager
 * also switches on net.devh's security auto-configuration, which without a {@code GrpcAuthenticationReader}
 * would stop start-up: the application starts, grpc-ops authenticates, and a method-security refusal gets
 * grpc-ops' status and {@code ErrorInfo}, not net.devh's translation.
 */
@SpringBootTest(classes = SecurityProbeApplication.class, properties = { "grpc.server.port=0",
        "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
        "grpc.auth.spring-security.bearer-tokens=authentication-manager",
        "grpc.auth.brute-force.max-failures=1000000" })
@Import(AuthenticationManagerBearerTokensTest.Manager.class)
class AuthenticationManagerBearerTokensTest {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    ApplicationContext context;

    @Test
    void theManagersAuthenticationBecomesTheCallerBesideNetDevhsSecurity() {
        assertThat(this.context.getBeansOfType(DefaultAuthenticatingServerInterceptor.class)).isEmpty();
        Channel rita = as(TestTokens.hs256("rita", Map.of("roles", List.of("reports:read"))));
        assertThat(EchoCalls.chat(rita, List.of(EchoCalls.text("a")))).extracting(EchoReply::getText)
            .containsExactly("rita", "rita");
        Channel sam = as(TestTokens.hs256("sam", Map.of("roles", List.of("ROLE_STAFF"))));
        assertThat(EchoServiceGrpc.newBlockingStub(sam).expand(EchoRequest.newBuilder().setRepeat(1).build()).next()
            .getText()).isEqualTo("sam");
    }

    @Test
    void aMethodSecurityRefusalGetsGrpcOpsStatusAndErrorInfo() {
        Channel otto = as(TestTokens.hs256("otto", Map.of("roles", List.of("other"))));
        assertThatThrownBy(() -> EchoCalls.chat(otto, List.of(EchoCalls.text("a"))))
            .isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
                assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(ex.getStatus().getDescription()).isEqualTo("Permission denied");
                assertThat(ErrorDetails.errorInfo(ex).getReason()).isEqualTo("ACCESS_DENIED");
            });
    }

    @Test
    void tokensTheManagerRefusesAreUnauthenticated() {
        String good = TestTokens.hs256("mallory", Map.of());
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(as(good.substring(0, good.length() - 4) + "AAAA"))
            .echo(EchoRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
                assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(ex.getStatus().getDescription()).isEqualTo("Invalid credentials");
            });
    }

    private Channel as(String token) {
        return GrpcTestClient.withHeader(this.grpc.channel(),
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    }

    /** As an application would configure its resource server: roles claim as authorities, no prefix. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Manager {

        @Bean
        AuthenticationManager authenticationManager() {
            JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
            roles.setAuthoritiesClaimName("roles");
            roles.setAuthorityPrefix("");
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(roles);
            JwtAuthenticationProvider provider = new JwtAuthenticationProvider(
                    NimbusJwtDecoder.withSecretKey(TestTokens.hmacKey()).build());
            provider.setJwtAuthenticationConverter(converter);
            return new ProviderManager(provider);
        }
    }
}
