package io.github.grpcops.auth.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.probe.MutableClock;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API keys against a real database, end to end over real Netty; run on H2 and PostgreSQL. */
abstract class ApiKeyContract {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    ApiKeyManager keys;

    @Autowired
    ApiKeyUsageRecorder usage;

    @Autowired
    ApiKeyRepository repository;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    private ProbeClient with(String secret) {
        return new ProbeClient(this.grpc.channel(), ProbeClient.header("x-api-key", secret));
    }

    @Test
    void createdKeyAuthenticatesEveryCallTypeAsItsOwner() {
        CreatedApiKey created = this.keys.create(new NewApiKey("ci", "build pipeline", "service", "builder",
                Instant.now().plus(Duration.ofDays(1)), "test"));
        assertThat(created.secret()).startsWith("gops_").hasSize(5 + 43);
        ProbeClient client = with(created.secret());
        WhoReply reply = client.who();
        assertThat(reply.getPrincipalId()).isEqualTo("builder");
        assertThat(reply.getMethod()).isEqualTo("api-key");
        assertThat(reply.getApiKeyId()).isEqualTo(created.key().getId().toString());
        assertThat(client.expand(2)).extracting(WhoReply::getSeen).containsExactly("builder", "builder");
        assertThat(client.collect(2)).singleElement().extracting(WhoReply::getSeen).isEqualTo("builder,builder,builder,builder");
        assertThat(client.chat(1)).extracting(WhoReply::getSeen).containsExactly("builder", "builder");
    }

    @Test
    void onlyTheHashAndAVisiblePrefixAreStored() {
        CreatedApiKey created = this.keys.create(NewApiKey.named("stored"));
        List<Map<String, Object>> rows = this.jdbc.queryForList("select * from grpc_api_key where id = ?",
                created.key().getId());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.toString()).doesNotContain(created.secret())
                .doesNotContain(created.secret().substring(11));
            assertThat(row.get("key_prefix")).isEqualTo(created.secret().substring(0, 11));
            assertThat(row.get("key_hash")).isEqualTo(ApiKeySecrets.hash(created.secret()));
        });
    }

    @Test
    void usageIsCountedInMemoryAndWrittenInOneBackgroundBatch() {
        CreatedApiKey created = this.keys.create(NewApiKey.named("counted"));
        ProbeClient client = with(created.secret());
        for (int i = 0; i < 5; i++) {
            client.who();
        }
        // The flush interval of these tests is an hour: nothing has been written per call.
        assertThat(this.repository.findById(created.key().getId()).orElseThrow().getRequestCount()).isZero();
        assertThat(this.usage.pendingUses()).isGreaterThanOrEqualTo(5);
        this.usage.flush();
        ApiKey stored = this.repository.findById(created.key().getId()).orElseThrow();
        assertThat(stored.getRequestCount()).isEqualTo(5);
        assertThat(stored.getLastUsedAt()).isNotNull();
    }

    @Test
    void revokeAllOfAnOwnerStopsEachOfTheirKeysAtOnce() {
        CreatedApiKey first = this.keys.create(new NewApiKey("a", null, "user", "leaver", null, null));
        CreatedApiKey second = this.keys.create(new NewApiKey("b", null, "user", "leaver", null, null));
        CreatedApiKey other = this.keys.create(new NewApiKey("c", null, "user", "stayer", null, null));
        with(first.secret()).who();
        with(second.secret()).who();
        assertThat(this.keys.revokeAllOf("leaver")).isEqualTo(2);
        for (CreatedApiKey revoked : List.of(first, second)) {
            assertThatThrownBy(() -> with(revoked.secret()).who()).isInstanceOfSatisfying(
                    StatusRuntimeException.class,
                    ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
        assertThat(with(other.secret()).who().getPrincipalId()).isEqualTo("stayer");
    }

    @Test
    void revokeOnAnotherInstanceTakesEffectWithinTheCacheTtl() {
        CreatedApiKey created = this.keys.create(NewApiKey.named("shared"));
        GrpcAuthProperties.ApiKey properties = new GrpcAuthProperties.ApiKey();
        properties.setCacheTtl(Duration.ofSeconds(30));
        MutableClock clock = new MutableClock(Instant.now());
        ApiKeyManager otherInstance = new ApiKeyManager(this.repository, new TransactionTemplate(this.transactions),
                properties, clock);
        assertThat(otherInstance.authenticate(created.secret())).isNotNull();
        this.keys.revoke(created.key().getId());
        assertThat(otherInstance.authenticate(created.secret())).as("still cached on the other instance").isNotNull();
        clock.advance(Duration.ofSeconds(31));
        assertThat(otherInstance.authenticate(created.secret())).as("after the TTL").isNull();
    }

    @Test
    void badKeyRequestsAreRefusedWithTheFieldNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.keys.create(NewApiKey.named(" ")))
            .withMessage("name is required");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.keys.create(new NewApiKey("x", null, "service", null,
                    Instant.now().minusSeconds(1), null)))
            .withMessage("expiresAt must be in the future");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.keys.create(new NewApiKey("x".repeat(129), null, "service", null, null, null)))
            .withMessage("name must be at most 128 characters");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.keys.create(new NewApiKey("bad\u0000name", null, "service", null, null, null)))
            .withMessage("name must not contain control characters");
    }
}
