package io.github.grpcops.ratelimit;

import java.util.Map;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.CallAttributesProbe;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.requestlog.RequestLogServerInterceptor;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With the request log switched off, rate limiting still keys buckets by the principal authentication
 * found (the pipeline attaches the call's attributes, not the request log): two users calling from the
 * same address have a bucket each.
 */
@AuthProbeTest(properties = { "grpc.request-log.enabled=false", "grpc.rate-limit.enabled=true",
        "grpc.rate-limit.default-limit.capacity=2", "grpc.rate-limit.default-limit.period=1h",
        "grpc.rate-limit.exclude-methods=grpc.health.*", "grpc.errors.domain=probe.limits" })
class RateLimitByPrincipalTest {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    ApplicationContext context;

    @Autowired
    CallAttributesProbe attributes;

    private ProbeClient as(String user, String requestId) {
        return new ProbeClient(this.grpc.channel(),
                ProbeClient.withRequestId(ProbeClient.bearer(TestTokens.hs256(user, Map.of())), requestId));
    }

    @Test
    void eachPrincipalHasItsOwnBucketWithoutTheRequestLog() {
        assertThat(this.context.getBeansOfType(RequestLogServerInterceptor.class)).isEmpty();
        assertThat(as("alice", "alice-1").who().getPrincipalId()).isEqualTo("alice");
        assertThat(as("alice", "alice-2").who().getPrincipalId()).isEqualTo("alice");
        StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, as("alice", "alice-3")::who);
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        ErrorDetails.assertErrorInfo(ex, "RATE_LIMITED", "probe.limits", "alice-3");
        // The refused call is recorded with its caller, as the request log would store it.
        assertThat(this.attributes.recorded()).last()
            .isEqualTo(new CallAttributesProbe.Recorded("grpcops.test.auth.v1.AuthProbe/Who",
                    Status.Code.RESOURCE_EXHAUSTED, true, "alice", "alice", "jwt", null));
        // Same address, another principal: a full bucket of its own.
        assertThat(as("bob", "bob-1").who().getPrincipalId()).isEqualTo("bob");
        assertThat(as("bob", "bob-2").who().getPrincipalId()).isEqualTo("bob");
    }
}
