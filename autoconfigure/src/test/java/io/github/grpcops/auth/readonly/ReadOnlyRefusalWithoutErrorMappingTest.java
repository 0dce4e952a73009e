package io.github.grpcops.auth.readonly;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.auth.probe.api.ReadOnlyProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With error mapping switched off, a write refused in a read-only service still ends the call, in every
 * call type, with the refusal path's ErrorInfo: reason, the configured domain, the caller's request id.
 */
@AuthProbeTest(properties = { "grpc.errors.enabled=false", "grpc.errors.domain=probe.refusals",
        "grpc.auth.require-auth=true" })
class ReadOnlyRefusalWithoutErrorMappingTest {

    @Autowired
    GrpcTestClient grpc;

    private Channel as(String requestId) {
        return ClientInterceptors.intercept(this.grpc.channel(), MetadataUtils.newAttachHeadersInterceptor(
                ProbeClient.withRequestId(ProbeClient.bearer(TestTokens.hs256("reader", java.util.Map.of())),
                        requestId)));
    }

    @Test
    void aRefusedWriteInEveryCallTypeCarriesTheConfiguredDomainAndTheRequestId() {
        List<Runnable> writes = List.of(
                () -> ReadOnlyProbeGrpc.newBlockingStub(as("write-unary")).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .write(WhoRequest.newBuilder().setText("unary").build()),
                () -> ReadOnlyProbeGrpc.newBlockingStub(as("write-server-stream")).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .countStream(WhoRequest.newBuilder().setText("write").setRepeat(2).build())
                    .forEachRemaining(reply -> {
                    }),
                () -> ReadOnlyServiceContract.stream(ReadOnlyProbeGrpc.newStub(as("write-client-stream"))::writeStream,
                        "read", "write"),
                () -> ReadOnlyServiceContract.stream(ReadOnlyProbeGrpc.newStub(as("write-bidi"))::writeChat, "read",
                        "write"));
        List<String> requestIds = List.of("write-unary", "write-server-stream", "write-client-stream", "write-bidi");
        for (int i = 0; i < writes.size(); i++) {
            StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, writes.get(i)::run);
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(ex.getStatus().getDescription()).isEqualTo(ReadOnlyServiceInterceptor.READ_ONLY);
            ErrorDetails.assertErrorInfo(ex, ReadOnlyServiceInterceptor.REASON, "probe.refusals", requestIds.get(i));
        }
    }
}
