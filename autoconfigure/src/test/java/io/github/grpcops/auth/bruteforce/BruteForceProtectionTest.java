package io.github.grpcops.auth.bruteforce;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.rpc.RetryInfo;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.jwt.VerificationKeys;
import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.Invocations;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Brute-force protection as configured by default but for a budget of 3, over real Netty: callers are
 * told apart by {@code x-forwarded-for} (the loopback peer is a trusted proxy), as the request log and rate
 * limiting tell them apart. The JWT verification keys count the tokens they are asked a key for, so a
 * refused call is seen never to reach the key lookup.
 */
@SpringBootTest(classes = AuthProbeApplication.class, properties = { "grpc.server.port=0",
        "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off", "grpc.auth.jwt.secret=" + TestTokens.SECRET,
        "grpc.client-ip.trusted-proxies=127.0.0.1", "grpc.auth.brute-force.max-failures=3",
        "grpc.auth.brute-force.period=1h", "grpc.errors.domain=brute.test" })
@Import(BruteForceProtectionTest.CountingJwt.class)
class BruteForceProtectionTest {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    Invocations invocations;

    @Autowired
    CountingJwt verifications;

    @Autowired
    MeterRegistry registry;

    private final String good = TestTokens.hs256("alice", Map.of());

    private final String bad = this.good.substring(0, this.good.length() - 4) + "AAAA";

    @Test
    void anAddressThatFailedTooOftenIsRefusedInEveryCallTypeBeforeItsTokenIsVerified() {
        String attacker = "203.0.113.7";
        for (int i = 0; i < 3; i++) {
            assertRefused(() -> from(attacker, this.bad).who(), Status.Code.UNAUTHENTICATED, "Invalid credentials");
        }
        int verified = this.verifications.count.get();
        int invoked = this.invocations.count();

        for (Runnable call : from(attacker, this.good).everyCallType()) {
            StatusRuntimeException refused = assertRefused(call, Status.Code.RESOURCE_EXHAUSTED, null);
            assertThat(refused.getStatus().getDescription())
                .startsWith("Too many failed authentication attempts from this address; retry in ");
            assertThat(ErrorDetails.errorInfo(refused).getReason()).isEqualTo("TOO_MANY_FAILED_AUTHENTICATIONS");
            assertThat(ErrorDetails.errorInfo(refused).getDomain()).isEqualTo("brute.test");
            // A third of the hour brings one failure back.
            assertThat(ErrorDetails.detail(refused, RetryInfo.class).getRetryDelay().getSeconds())
                .isBetween(1100L, 1200L);
            assertThat(refused.getTrailers().get(Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER)))
                .isNotNull();
        }
        assertThat(this.verifications.count.get()).as("tokens verified after the budget ran out").isEqualTo(verified);
        assertThat(this.invocations.count()).as("service code reached").isEqualTo(invoked);
        assertThat(this.registry.get("grpc.server.auth.brute-force.refused").functionCounter().count())
            .isGreaterThanOrEqualTo(4);

        // The same address without a credential (a public method, a health check) is not refused.
        ProbeClient anonymous = new ProbeClient(this.grpc.channel(), forwardedFor(attacker, new Metadata()));
        assertThat(anonymous.blocking().publicWho(WhoRequest.getDefaultInstance()).getSeen()).isEqualTo("-");
    }

    @Test
    void goodCredentialsFromOtherAddressesAreUnaffected() {
        String attacker = "203.0.113.8";
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(from(attacker, this.bad)::who).isInstanceOf(StatusRuntimeException.class);
        }
        assertRefused(() -> from(attacker, this.good).who(), Status.Code.RESOURCE_EXHAUSTED, null);
        for (String other : List.of("198.51.100.2", "2001:db8::1")) {
            assertThat(from(other, this.good).who().getPrincipalId()).isEqualTo("alice");
            assertThat(from(other, this.good).chat(2)).hasSize(3);
        }
    }

    @Test
    void successesTakeNothingFromTheBudget() {
        String user = "192.0.2.10";
        for (int i = 0; i < 10; i++) {
            assertThat(from(user, this.good).who().getPrincipalId()).isEqualTo("alice");
        }
        assertRefused(() -> from(user, this.bad).who(), Status.Code.UNAUTHENTICATED, "Invalid credentials");
        assertRefused(() -> from(user, this.bad).who(), Status.Code.UNAUTHENTICATED, "Invalid credentials");
        assertThat(from(user, this.good).who().getPrincipalId()).isEqualTo("alice");
    }

    private ProbeClient from(String address, String token) {
        return new ProbeClient(this.grpc.channel(), forwardedFor(address, ProbeClient.bearer(token)));
    }

    private static Metadata forwardedFor(String address, Metadata headers) {
        headers.put(Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER), address);
        return headers;
    }

    private static StatusRuntimeException assertRefused(Runnable call, Status.Code code, String description) {
        StatusRuntimeException[] caught = new StatusRuntimeException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
            assertThat(ex.getStatus().getCode()).isEqualTo(code);
            if (description != null) {
                assertThat(ex.getStatus().getDescription()).isEqualTo(description);
            }
            caught[0] = ex;
        });
        return caught[0];
    }

    /** grpc-ops' JWT verification keys, counting the tokens they are asked a key for. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingJwt {

        final AtomicInteger count = new AtomicInteger();

        @Bean
        VerificationKeys countingVerificationKeys(GrpcAuthProperties properties) {
            VerificationKeys keys = VerificationKeys.from(properties.getJwt());
            return header -> {
                CountingJwt.this.count.incrementAndGet();
                return keys.keyFor(header);
            };
        }
    }
}
