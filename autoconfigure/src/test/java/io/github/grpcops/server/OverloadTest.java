package io.github.grpcops.server;

import java.util.concurrent.TimeUnit;

import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full worker pool rejects new calls of every type at once with RESOURCE_EXHAUSTED instead of letting
 * them hang, and admits calls again as soon as a worker is free. Error mapping is off: the rejection's
 * ErrorInfo comes from the refusal path alone.
 */
@EchoServerTest(properties = { "grpc.executor.max-workers=1", "grpc.executor.queue-capacity=0",
        "grpc.errors.enabled=false", "grpc.errors.domain=overload.test" })
class OverloadTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    BoundedCallExecutor executor;

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void fullPoolRejectsNewCallsOfEveryTypeImmediatelyThenRecovers(MethodType type) {
        EchoCall busy = EchoCall.complete(this.client.channel(), MethodType.UNARY, "busy-" + type,
                EchoRequest.newBuilder().setText("busy").setDelayMs(1500).build());
        await().atMost(5, TimeUnit.SECONDS).until(() -> this.executor.activeWorkers() == 1);

        EchoCall rejected = EchoCall.complete(this.client.channel(), type, "rejected-" + type, request("rejected"));
        assertThat(rejected.status().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(rejected.status().getDescription()).contains("grpc.executor.max-workers");
        assertThat(rejected.replies()).isEmpty();
        ErrorDetails.assertErrorInfo(rejected.failure(), "SERVER_OVERLOADED", "overload.test", "rejected-" + type);
        // Answered while the worker was still busy: the call was refused, not queued until a worker freed up.
        assertThat(busy.isClosed()).isFalse();

        assertThat(busy.status().getCode()).isEqualTo(Status.Code.OK);
        await().atMost(5, TimeUnit.SECONDS).until(() -> this.executor.activeWorkers() == 0);
        EchoCall again = EchoCall.complete(this.client.channel(), type, "again-" + type, request("again"));
        assertThat(again.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(again.replies()).isNotEmpty().allSatisfy(reply -> assertThat(reply.getText()).isEqualTo("again"));
    }

    private static EchoRequest request(String text) {
        return EchoRequest.newBuilder().setText(text).setRepeat(2).build();
    }

    @Test
    void clientCannotForgeTheOverloadVerdict() {
        Metadata forged = new Metadata();
        forged.put(BoundedCallExecutor.OVERLOAD_HEADER, "anything");
        EchoReply reply = EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(forged))
            .echo(EchoCalls.text("served"));
        assertThat(reply.getText()).isEqualTo("served");
    }

    @Test
    void serviceCodeRunsOnTheBoundedWorkers() {
        // The echo reply does not say which thread served it, so ask the pool: it served this call.
        long before = this.executor.completedTasks();
        EchoServiceGrpc.newBlockingStub(this.client.channel()).echo(EchoCalls.text("x"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> this.executor.completedTasks() > before);
    }
}
