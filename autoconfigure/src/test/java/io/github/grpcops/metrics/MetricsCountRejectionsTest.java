package io.github.grpcops.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.auth.probe.api.AuthProbeGrpc;
import io.github.grpcops.auth.probe.api.LockedProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Metrics sit outside authentication and rate limiting: the calls they reject are timed with the
 * status the client got, in Micrometer and in {@code /actuator/grpc/metrics}, over real Netty and HTTP.
 */
@SpringBootTest(classes = AuthProbeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "grpc.auth.jwt.secret=" + TestTokens.SECRET, "management.endpoints.web.exposure.include=grpc",
                "grpc.rate-limit.enabled=true", "grpc.rate-limit.limits[0].method=grpcops.test.auth.v1.AuthProbe/PublicWho",
                "grpc.rate-limit.limits[0].capacity=1", "grpc.rate-limit.limits[0].period=1h" })
class MetricsCountRejectionsTest {

    private static final String PROBE = "grpcops.test.auth.v1.AuthProbe";

    private static final String LOCKED = "grpcops.test.auth.v1.LockedProbe";

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    MeterRegistry registry;

    @Autowired
    TestRestTemplate http;

    @Test
    @SuppressWarnings("unchecked")
    void authenticationAndRateLimitRejectionsAreTimedWithTheirStatus() {
        WhoRequest request = WhoRequest.getDefaultInstance();
        Status.Code anonymous = failure(() -> LockedProbeGrpc.newBlockingStub(this.grpc.channel())
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .who(request));
        Status.Code notStaff = failure(() -> stub(ProbeClient.bearer(TestTokens.hs256("plain", Map.of())))
            .staffWho(request));
        stub(new Metadata()).publicWho(request);
        Status.Code limited = failure(() -> stub(new Metadata()).publicWho(request));
        assertThat(List.of(anonymous, notStaff, limited)).containsExactly(Status.Code.UNAUTHENTICATED,
                Status.Code.PERMISSION_DENIED, Status.Code.RESOURCE_EXHAUSTED);

        assertThat(timed(LOCKED, "Who", "UNAUTHENTICATED")).isEqualTo(1);
        assertThat(timed(PROBE, "StaffWho", "PERMISSION_DENIED")).isEqualTo(1);
        assertThat(timed(PROBE, "PublicWho", "OK")).isEqualTo(1);
        assertThat(timed(PROBE, "PublicWho", "RESOURCE_EXHAUSTED")).isEqualTo(1);

        Map<String, Object> snapshot = this.http.getForObject("/actuator/grpc/metrics", Map.class);
        List<Map<String, Object>> methods = (List<Map<String, Object>>) snapshot.get("methods");
        assertThat(stats(methods, LOCKED, "Who")).containsEntry("calls", 1).containsEntry("errors", 1);
        assertThat(stats(methods, PROBE, "StaffWho")).containsEntry("calls", 1).containsEntry("errors", 1);
        assertThat(stats(methods, PROBE, "PublicWho")).containsEntry("calls", 2)
            .containsEntry("success", 1)
            .containsEntry("errors", 1);
    }

    private AuthProbeGrpc.AuthProbeBlockingStub stub(Metadata headers) {
        return AuthProbeGrpc.newBlockingStub(this.grpc.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static Status.Code failure(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    private long timed(String service, String method, String statusCode) {
        Timer timer = this.registry.find(MetricsServerInterceptor.DURATION)
            .tags("service", service, "method", method, "statusCode", statusCode)
            .timer();
        return (timer != null) ? timer.count() : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stats(List<Map<String, Object>> methods, String service, String method) {
        return methods.stream()
            .filter(m -> service.equals(m.get("service")) && method.equals(m.get("method")))
            .map(m -> (Map<String, Object>) m.get("stats"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no metrics for " + service + "/" + method + " in " + methods));
    }
}
