package io.github.grpcops.requestlog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every call the request log sees is counted in the rollups, row or no row: all four call types,
 * successful calls sampled out entirely ({@code success-sample-rate=0}), calls authentication
 * rejected, calls rate limiting rejected, failed and cancelled calls; the raw rows hold only the
 * calls that were not sampled out. Over a real Netty server, real rate limiting, on H2.
 */
@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms",
        "grpc.request-log.rollups.flush-interval=100ms", "grpc.request-log.success-sample-rate=0",
        "grpc.rate-limit.enabled=true", "grpc.rate-limit.key-by=client-ip",
        "grpc.rate-limit.limits[0].method=grpcops.test.v1.EchoService/Expand", "grpc.rate-limit.limits[0].capacity=3",
        "grpc.rate-limit.limits[0].period=1h" })
@Import(TestAuthentication.class)
class RollupCountsEveryCallTest {

    private static final List<MethodType> TYPES = List.of(MethodType.UNARY, MethodType.CLIENT_STREAMING,
            MethodType.SERVER_STREAMING, MethodType.BIDI_STREAMING);

    @Autowired
    GrpcTestClient client;

    @Autowired
    DataSource dataSource;

    @Test
    void rollupsCountSampledOutRejectedAndFailedCallsOfEveryTypeWhileRowsHoldOnlyTheRecordedOnes() {
        ManagedChannel channel = this.client.channel();
        Channel rejected = GrpcTestClient.withHeader(channel, TestAuthentication.USER, "reject");
        int ok = 0;
        int failed = 0;
        for (MethodType type : TYPES) {
            assertThat(EchoCall.complete(channel, type, "rollup-failed-" + type,
                    RequestLogCallsTestBase.failing("NOT_FOUND")).status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(EchoCall.complete(rejected, type, "rollup-rejected-" + type, RequestLogCallsTestBase.text("a"))
                .status()
                .getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            EchoCall cancelled = EchoCall.open(channel, type, "rollup-cancelled-" + type, CallOptions.DEFAULT,
                    RequestLogCallsTestBase.slow(2000));
            cancelled.cancel();
            assertThat(cancelled.status().getCode()).isEqualTo(Status.Code.CANCELLED);
            failed += 3;
            for (int i = 0; i < 5; i++) {
                Status status = EchoCall.complete(channel, type, "rollup-ok-" + type + i,
                        RequestLogCallsTestBase.text("a")).status();
                if (status.isOk()) {
                    ok++;
                }
                else {
                    assertThat(status.getCode()).as("only the rate limit refuses")
                        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    failed++;
                }
            }
        }
        int calls = ok + failed;
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select coalesce(sum(calls), 0) from grpc_request_stats where resolution = 'minute' "
                        + "and service = 'grpcops.test.v1.EchoService'", Long.class)).isEqualTo(calls));
        Map<String, Long> byCode = jdbc
            .queryForList("select grpc_status, sum(calls) as calls from grpc_request_stats where resolution = 'hour' "
                    + "and service = 'grpcops.test.v1.EchoService' group by grpc_status")
            .stream()
            .collect(Collectors.toMap(row -> (String) row.get("GRPC_STATUS"),
                    row -> ((Number) row.get("CALLS")).longValue()));
        assertThat(byCode).containsEntry("OK", (long) ok)
            .containsEntry("RESOURCE_EXHAUSTED", 4L)
            .containsEntry("NOT_FOUND", 4L)
            .containsEntry("UNAUTHENTICATED", 4L)
            .containsEntry("CANCELLED", 4L);
        assertThat(ok).as("every type's five calls, less the rate limit's four refusals of Expand").isEqualTo(16);
        assertThat(jdbc.queryForObject("select count(*) from grpc_request_log where request_id like 'rollup-%'",
                Long.class)).as("sampled out: no successful call has a row").isEqualTo(failed);
    }
}
