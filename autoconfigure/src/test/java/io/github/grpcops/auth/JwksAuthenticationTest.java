package io.github.grpcops.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.Invocations;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.ProbeRejections;
import io.github.grpcops.auth.probe.TestIdentityProvider;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Keys from an identity provider over real Netty and real HTTP: a Keycloak-shaped provider the test runs
 * (discovery at {@code issuer-uri}, RSA keys by {@code kid}) rotates its keys without a restart, floods of
 * made-up {@code kid}s cost a bounded number of fetches, calls missing a key at once share one fetch,
 * and when the provider is down the keys fetched before keep working while a token with an unknown key
 * gets {@code UNAVAILABLE}. Keys are refreshed every 2 s and fetched at most every 500 ms here.
 */
@SpringBootTest(classes = AuthProbeApplication.class, properties = { "grpc.server.port=0",
        "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off", "grpc.auth.require-auth=true",
        "grpc.auth.jwt.jwks.allow-http=true", "grpc.auth.jwt.jwks.refresh-interval=2s",
        "grpc.auth.jwt.jwks.min-fetch-interval=500ms", "grpc.auth.brute-force.max-failures=1000000" })
class JwksAuthenticationTest {

    private static final Duration MIN_FETCH_INTERVAL = Duration.ofMillis(500);

    static final TestIdentityProvider provider = new TestIdentityProvider();

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    Invocations invocations;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("grpc.auth.jwt.issuer-uri", provider::issuer);
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @BeforeEach
    void providerUp() {
        provider.down(false);
        provider.delay(Duration.ZERO);
    }

    @Test
    void keysRotateWithoutARestartOldThenBothThenNewOnly() throws InterruptedException {
        publishAndSettle("rotate-old");
        assertThat(who(provider.token("rotate-old", "alice"))).isEqualTo("alice");
        String tooEarly = provider.token("rotate-new", "bob");
        assertUnauthenticated(tooEarly);

        publishAndSettle("rotate-old", "rotate-new");
        assertThat(who(tooEarly)).as("a token of the new key, once it is published").isEqualTo("bob");
        String verifiedBefore = provider.token("rotate-old", "carol");
        assertThat(who(verifiedBefore)).isEqualTo("carol");

        provider.publish("rotate-new");
        // The old key goes with the next refresh: new tokens of it, and the one verified (and cached) before.
        await().atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertUnauthenticated(provider.token("rotate-old", "dave")));
        assertUnauthenticated(verifiedBefore);
        assertThat(who(provider.token("rotate-new", "erin"))).isEqualTo("erin");
    }

    @Test
    void whenTheProviderIsDownFetchedKeysKeepWorkingAndAnUnknownKeyIsUnavailable() throws InterruptedException {
        publishAndSettle("outage-known");
        assertThat(who(provider.token("outage-known", "frank"))).isEqualTo("frank");

        provider.down(true);
        Thread.sleep(2500); // past the refresh interval: the next call starts a refresh, which fails
        assertThat(who(provider.token("outage-known", "grace"))).isEqualTo("grace");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(who(provider.token("outage-known", "heidi"))).isEqualTo("heidi"));

        String unknown = provider.token("outage-unknown", "ivan");
        ProbeRejections.assertRejectedEverywhere(this.grpc.channel(), this.invocations, ProbeClient.bearer(unknown),
                Status.Code.UNAVAILABLE, "Authentication is temporarily unavailable: the token's signing key cannot "
                        + "be fetched from the identity provider; retry later",
                "AUTHENTICATION_UNAVAILABLE", unknown);

        provider.publish("outage-known", "outage-unknown");
        provider.down(false);
        await().atMost(Duration.ofSeconds(10))
            .ignoreExceptions()
            .untilAsserted(() -> assertThat(who(unknown)).isEqualTo("ivan"));
    }

    @Test
    void aFloodOfMadeUpKidsCostsAtMostOneFetchPerMinimumInterval() throws Exception {
        publishAndSettle("flood-real");
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            forged.add(provider.builder("mallory")
                .header()
                .keyId(UUID.randomUUID().toString())
                .and()
                .signWith(provider.key("flood-real").getPrivate(), Jwts.SIG.RS256)
                .compact());
        }
        long fetchesBefore = provider.certsFetches();
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                done.add(callers.submit(() -> {
                    int unauthenticated = 0;
                    for (int i = offset; i < forged.size(); i += 8) {
                        calls.incrementAndGet();
                        String token = forged.get(i);
                        if (codeOf(() -> who(token)) == Status.Code.UNAUTHENTICATED) {
                            unauthenticated++;
                        }
                    }
                    return unauthenticated;
                }));
            }
            int unauthenticated = 0;
            for (Future<Integer> future : done) {
                unauthenticated += future.get(60, TimeUnit.SECONDS);
            }
            assertThat(unauthenticated).as("every forged token refused as invalid").isEqualTo(forged.size());
        }
        finally {
            callers.shutdownNow();
        }
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        long fetches = provider.certsFetches() - fetchesBefore;
        assertThat(calls).hasValue(200);
        assertThat(fetches).as("%d unknown kids in %d ms", forged.size(), elapsedMillis)
            .isLessThanOrEqualTo(elapsedMillis / MIN_FETCH_INTERVAL.toMillis() + 2);
    }

    @Test
    void callsMissingTheSameNewKeyAtOnceShareOneFetch() throws Exception {
        publishAndSettle("burst-old");
        provider.publish("burst-old", "burst-new");
        provider.delay(Duration.ofMillis(300));
        Thread.sleep(MIN_FETCH_INTERVAL.toMillis() + 100);
        long fetchesBefore = provider.certsFetches();
        ExecutorService callers = Executors.newFixedThreadPool(12);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String token = provider.token("burst-new", "user-" + i);
                calls.add(() -> who(token));
            }
            List<String> seen = new ArrayList<>();
            for (Future<String> future : callers.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                seen.add(future.get());
            }
            assertThat(seen).hasSize(12).allMatch(id -> id.startsWith("user-"));
        }
        finally {
            callers.shutdownNow();
        }
        assertThat(provider.certsFetches() - fetchesBefore).isEqualTo(1);
    }

    @Test
    void onlyTheDiscoveryDocumentAndTheKeySetAreEverRequestedAndDiscoveryOnce() throws InterruptedException {
        publishAndSettle("paths");
        assertThat(who(provider.token("paths", "judy"))).isEqualTo("judy");
        assertThat(provider.requests()).isNotEmpty()
            .allMatch(path -> path.equals(TestIdentityProvider.DISCOVERY_PATH)
                    || path.equals(TestIdentityProvider.CERTS_PATH));
        assertThat(provider.requests()).filteredOn(TestIdentityProvider.DISCOVERY_PATH::equals).hasSize(1);
    }

    /** Publishes these keys and waits out the minimum interval, so the next unknown kid fetches them. */
    private static void publishAndSettle(String... kids) throws InterruptedException {
        provider.publish(kids);
        Thread.sleep(MIN_FETCH_INTERVAL.toMillis() + 100);
    }

    private String who(String token) {
        return new ProbeClient(this.grpc.channel(), ProbeClient.bearer(token)).who().getPrincipalId();
    }

    private void assertUnauthenticated(String token) {
        assertThatThrownBy(() -> who(token)).isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(ex.getStatus().getDescription()).isEqualTo("Invalid credentials");
        });
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        }
        catch (StatusRuntimeException ex) {
            return ex.getStatus().getCode();
        }
    }
}
