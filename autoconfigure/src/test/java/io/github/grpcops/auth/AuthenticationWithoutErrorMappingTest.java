package io.github.grpcops.auth;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With error mapping switched off, authentication still rejects and admits calls, and its rejections
 * still carry an ErrorInfo with the configured domain and the caller's request id: they go through the
 * pipeline's refusal path, not through error mapping.
 */
@AuthProbeTest(properties = { "grpc.errors.enabled=false", "grpc.errors.domain=probe.refusals",
        "grpc.auth.require-auth=true" })
class AuthenticationWithoutErrorMappingTest {

    @Autowired
    GrpcTestClient grpc;

    @Test
    void rejectionsOfEveryCallTypeCarryTheConfiguredDomainAndTheRequestIdAndValidCallersStillPass() {
        for (int type = 0; type < 4; type++) {
            String requestId = "unauthenticated-" + type;
            Runnable call = new ProbeClient(this.grpc.channel(), ProbeClient.withRequestId(new Metadata(), requestId))
                .everyCallType()
                .get(type);
            StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, call::run);
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(ex.getStatus().getDescription()).isEqualTo(AuthenticationServerInterceptor.AUTHENTICATION_REQUIRED);
            ErrorDetails.assertErrorInfo(ex, "AUTHENTICATION_REQUIRED", "probe.refusals", requestId);
        }
        String token = TestTokens.hs256("alice", java.util.Map.of());
        assertThat(new ProbeClient(this.grpc.channel(), ProbeClient.bearer(token)).who().getPrincipalId())
            .isEqualTo("alice");
    }
}
