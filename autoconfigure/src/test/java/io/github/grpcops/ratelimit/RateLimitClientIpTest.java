package io.github.grpcops.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anonymous callers behind a trusted proxy (the test client on 127.0.0.1 plays the proxy) are keyed by
 * the address {@code x-forwarded-for} names, as the request log records it; rejected calls are in the
 * request log (H2) with {@code RESOURCE_EXHAUSTED}.
 */
@EchoServerTest(properties = { "grpc.rate-limit.enabled=true", "grpc.rate-limit.default-limit.capacity=2",
        "grpc.rate-limit.default-limit.period=1h", "grpc.rate-limit.exclude-methods=grpc.health.*",
        "grpc.client-ip.trusted-proxies=127.0.0.1" })
class RateLimitClientIpTest {

    static final Metadata.Key<String> X_FORWARDED_FOR = Metadata.Key.of("x-forwarded-for",
            Metadata.ASCII_STRING_MARSHALLER);

    @Autowired
    GrpcTestClient client;

    @Autowired
    JdbcTemplate jdbc;

    private EchoServiceGrpc.EchoServiceBlockingStub forwardedFor(String clientIp, String requestId) {
        Metadata headers = new Metadata();
        headers.put(X_FORWARDED_FOR, clientIp);
        headers.put(RequestIds.HEADER, requestId);
        return EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private Status.Code echo(String clientIp) {
        return RateLimitServerInterceptorTest.echo(forwardedFor(clientIp, UUID.randomUUID().toString()));
    }

    @Test
    void callersBehindATrustedProxyWithDifferentForwardedForHaveSeparateBuckets() {
        assertThat(echo("203.0.113.10")).isEqualTo(Status.Code.OK);
        assertThat(echo("203.0.113.10")).isEqualTo(Status.Code.OK);
        assertThat(echo("203.0.113.10")).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        // Another client behind the same proxy: its own bucket, not the proxy's.
        assertThat(echo("203.0.113.11")).isEqualTo(Status.Code.OK);
        // Entries left of the last untrusted hop were written by the client: a forged prefix changes nothing.
        assertThat(echo("198.51.100.99, 203.0.113.10")).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void rateLimitedCallIsInTheRequestLogWithResourceExhaustedAndTheForwardedClientIp() {
        String requestId = "rate-limited-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            assertThat(echo("203.0.113.20")).isEqualTo(Status.Code.OK);
        }
        assertThat(RateLimitServerInterceptorTest.echo(forwardedFor("203.0.113.20", requestId)))
            .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        Map<String, Object> row = await().atMost(Duration.ofSeconds(20))
            .until(() -> this.jdbc.queryForList(
                    "select grpc_status, status, client_ip, method from grpc_request_log where request_id = ?",
                    requestId), rows -> !rows.isEmpty())
            .get(0);
        assertThat(row).containsEntry("GRPC_STATUS", "RESOURCE_EXHAUSTED")
            .containsEntry("STATUS", "error")
            .containsEntry("CLIENT_IP", "203.0.113.20")
            .containsEntry("METHOD", "Echo");
    }
}
