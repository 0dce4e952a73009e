package io.github.grpcops.auth;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** With error mapping switched off, authentication still rejects and admits calls; rejections carry no details then. */
@AuthProbeTest(properties = { "grpc.errors.enabled=false", "grpc.auth.require-auth=true" })
class AuthenticationWithoutErrorMappingTest {

    @Autowired
    GrpcTestClient grpc;

    @Test
    void rejectionsHaveAStatusOnlyAndValidCallersStillPass() {
        for (Runnable call : new ProbeClient(this.grpc.channel(), new Metadata()).everyCallType()) {
            StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, call::run);
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(ex.getStatus().getDescription()).isEqualTo(AuthenticationServerInterceptor.AUTHENTICATION_REQUIRED);
            assertThat(ex.getTrailers().keys()).as("trailers without error mapping").doesNotContain("grpc-status-details-bin");
        }
        String token = TestTokens.hs256("alice", java.util.Map.of());
        assertThat(new ProbeClient(this.grpc.channel(), ProbeClient.bearer(token)).who().getPrincipalId())
            .isEqualTo("alice");
    }
}
