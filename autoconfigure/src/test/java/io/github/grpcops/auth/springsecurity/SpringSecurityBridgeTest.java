package io.github.grpcops.auth.springsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The caller in Spring Security's {@code SecurityContext} over real Netty: {@code @PreAuthorize} and
 * {@code @Secured} on a service admit and refuse callers in all four call types, every callback sees the
 * caller, refusals get grpc-ops' statuses and {@code ErrorInfo}, and on a pool of two workers serving
 * anonymous and authenticated callers at once no call ever finds another's authentication.
 */
@SpringBootTest(classes = SecurityProbeApplication.class, properties = { "grpc.server.port=0",
        "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off", "grpc.auth.jwt.secret=" + TestTokens.SECRET,
        "grpc.executor.max-workers=2", "grpc.auth.brute-force.max-failures=1000000",
        "grpc.errors.domain=security.test" })
class SpringSecurityBridgeTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    SecurityProbeApplication.LeakDetector leaks;

    private Channel channel;

    /** While set, {@link #as} gives the plain channel: the same call, anonymously. */
    private boolean anonymous;

    @BeforeEach
    void open() {
        this.channel = this.grpc.channel();
    }

    @Test
    void unaryOpenToAllSeesTheCallerOrSpringsAnonymousUser() {
        assertThat(echo(null, 0)).isEqualTo("anonymousUser");
        assertThat(echo(as("alice", Map.of()), 0)).isEqualTo("alice");
    }

    @Test
    void serverStreamingForStaffOnly() {
        assertThat(EchoServiceGrpc.newBlockingStub(as("sam", Map.of("staff", true)))
            .expand(EchoRequest.newBuilder().setRepeat(3).build()))
            .toIterable()
            .extracting(EchoReply::getText)
            .containsExactly("sam", "sam", "sam");
        assertRefusedWithAndWithoutACredential(() -> EchoServiceGrpc.newBlockingStub(as("bob", Map.of()))
            .expand(EchoRequest.newBuilder().setRepeat(3).build())
            .hasNext());
    }

    @Test
    void clientStreamingForSuperusersSeesTheCallerInEveryCallback() {
        // the start, each of the two messages and the half-close
        assertThat(EchoCalls.collect(as("root", Map.of("superuser", true)), List.of(text("a"), text("b"))).getText())
            .isEqualTo("root,root,root,root");
        assertRefusedWithAndWithoutACredential(() -> EchoCalls.collect(as("sam", Map.of("staff", true)), List.of(text("a"))));
    }

    @Test
    void bidiForHoldersOfTheAuthority() {
        assertThat(EchoCalls.chat(as("rita", Map.of("roles", List.of("reports:read"))), List.of(text("a"), text("b"))))
            .extracting(EchoReply::getText)
            .containsExactly("rita", "rita", "rita");
        assertRefusedWithAndWithoutACredential(() -> EchoCalls.chat(as("otto", Map.of("roles", List.of("other"))), List.of(text("a"))));
    }

    @Test
    void noSecurityContextLeaksBetweenCallsOnTwoWorkers() throws Exception {
        this.leaks.leaks().clear();
        String[] callers = { null, "alice", "bob", null, "carol" };
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> work = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                work.add(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < 60; i++) {
                        String caller = callers[ThreadLocalRandom.current().nextInt(callers.length)];
                        String expected = (caller != null) ? caller : "anonymousUser";
                        Channel as = (caller != null) ? as(caller, Map.of("roles", List.of("reports:read")))
                                : this.channel;
                        if (caller == null || i % 2 == 0) {
                            String seen = echo(as, ThreadLocalRandom.current().nextInt(3));
                            if (!seen.equals(expected)) {
                                wrong.add("unary as " + expected + " saw " + seen);
                            }
                        }
                        else {
                            EchoCalls.chat(as, List.of(text("a"), text("b"))).stream()
                                .map(EchoReply::getText)
                                .filter(seen -> !seen.equals(expected))
                                .forEach(seen -> wrong.add("bidi as " + expected + " saw " + seen));
                        }
                    }
                    return wrong;
                });
            }
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> done : clients.invokeAll(work, 120, TimeUnit.SECONDS)) {
                wrong.addAll(done.get());
            }
            assertThat(wrong).as("calls that saw another caller").isEmpty();
        }
        finally {
            clients.shutdownNow();
        }
        assertThat(this.leaks.leaks()).as("callbacks that found an authentication left on their thread").isEmpty();
    }

    /**
     * Refused as an authenticated caller lacking the right ({@code PERMISSION_DENIED}), and, the same call
     * made anonymously, as a caller who should sign in ({@code UNAUTHENTICATED}).
     */
    private void assertRefusedWithAndWithoutACredential(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(ex.getStatus().getDescription()).isEqualTo("Permission denied");
            assertThat(ErrorDetails.errorInfo(ex).getReason()).isEqualTo("ACCESS_DENIED");
            assertThat(ErrorDetails.errorInfo(ex).getDomain()).isEqualTo("security.test");
        });
        this.anonymous = true;
        try {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
                assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(ex.getStatus().getDescription()).isEqualTo("Authentication required");
                assertThat(ErrorDetails.errorInfo(ex).getReason()).isEqualTo("AUTHENTICATION_REQUIRED");
            });
        }
        finally {
            this.anonymous = false;
        }
    }

    private Channel as(String subject, Map<String, ?> claims) {
        return this.anonymous ? this.channel : GrpcTestClient.withHeader(this.channel, AUTHORIZATION,
                "Bearer " + TestTokens.hs256(subject, claims));
    }

    private String echo(Channel channel, int delayMs) {
        return EchoServiceGrpc.newBlockingStub((channel != null) ? channel : this.channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .echo(EchoRequest.newBuilder().setDelayMs(delayMs).build())
            .getText();
    }

    private static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).build();
    }
}
