package io.github.grpcops.server;

import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A full worker pool rejects new calls at once with RESOURCE_EXHAUSTED instead of letting them hang,
 * and admits calls again as soon as a worker is free.
 */
@EchoServerTest(properties = { "grpc.executor.max-workers=1", "grpc.executor.queue-capacity=0" })
class OverloadTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    BoundedCallExecutor executor;

    @Test
    void fullPoolRejectsNewCallsImmediatelyThenRecovers() throws Exception {
        EchoServiceGrpc.EchoServiceFutureStub async = EchoServiceGrpc.newFutureStub(this.client.channel());
        ListenableFuture<EchoReply> busy = async.echo(EchoRequest.newBuilder().setText("busy").setDelayMs(3000).build());
        await().atMost(5, TimeUnit.SECONDS).until(() -> this.executor.activeWorkers() == 1);

        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> EchoServiceGrpc.newBlockingStub(this.client.channel())
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .echo(EchoCalls.text("rejected")))
            .satisfies(ex -> {
                assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(ex.getStatus().getDescription()).contains("grpc.executor.max-workers");
            });
        // Answered while the worker was still busy: the call was refused, not queued until a worker freed up.
        assertThat(busy.isDone()).isFalse();

        assertThat(busy.get(10, TimeUnit.SECONDS).getText()).isEqualTo("busy");
        await().atMost(5, TimeUnit.SECONDS).until(() -> this.executor.activeWorkers() == 0);
        assertThat(EchoServiceGrpc.newBlockingStub(this.client.channel()).echo(EchoCalls.text("again")).getText())
            .isEqualTo("again");
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
