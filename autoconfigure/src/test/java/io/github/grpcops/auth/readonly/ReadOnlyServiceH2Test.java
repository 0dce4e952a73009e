package io.github.grpcops.auth.readonly;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.auth.probe.api.ReadOnlyProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.server.BoundedCallExecutor;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On H2, which treats a read-only transaction as a hint and would run the write: grpc-ops' statement
 * inspector refuses Hibernate's writes, so the contract holds. A plain JDBC write is not seen by the
 * inspector; H2 runs it, and the always-rolled-back transaction undoes it, also when the client
 * cancels or the deadline ends a stream half-way.
 */
@AuthProbeTest
class ReadOnlyServiceH2Test extends ReadOnlyServiceContract {

    private static final int REPLIES = 50;

    @Autowired
    BoundedCallExecutor executor;

    @Test
    void jdbcWriteOnH2IsRolledBackSoNothingIsWritten() {
        // H2 runs the insert (the service sees its own row), but the transaction of a read-only call
        // always rolls back.
        assertThat(this.blocking.writeJdbc(text("jdbc")).getCount()).isEqualTo(1);
        assertThat(this.records.count()).isZero();
    }

    @Test
    void clientCancellingAServerStreamMidwayRollsBackItsWrites() {
        assertStreamCutMidwayLeavesNothingWritten(CallOptions.DEFAULT,
                call -> call.cancel("the client lost interest", null), Status.Code.CANCELLED);
    }

    @Test
    void deadlineEndingAServerStreamMidwayRollsBackItsWrites() {
        assertStreamCutMidwayLeavesNothingWritten(CallOptions.DEFAULT.withDeadlineAfter(500, TimeUnit.MILLISECONDS),
                call -> {
                }, Status.Code.DEADLINE_EXCEEDED);
    }

    /**
     * Streams replies that each follow a JDBC insert H2 lets through, cuts the stream after the first
     * reply, waits until the service code and its transaction are done, and checks no row survived.
     */
    private void assertStreamCutMidwayLeavesNothingWritten(CallOptions options,
            Consumer<ClientCall<WhoRequest, WhoReply>> cut, Status.Code expected) {
        List<WhoReply> replies = new CopyOnWriteArrayList<>();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<WhoRequest, WhoReply> call = this.grpc.channel().newCall(ReadOnlyProbeGrpc.getCountStreamMethod(),
                options);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(WhoReply reply) {
                replies.add(reply);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(REPLIES);
        call.sendMessage(WhoRequest.newBuilder().setText("jdbc").setRepeat(REPLIES).setDelayMs(100).build());
        call.halfClose();

        // The service saw its own uncommitted row: the write really happened inside the call.
        await().atMost(10, TimeUnit.SECONDS).until(() -> !replies.isEmpty());
        assertThat(replies.get(0).getCount()).isEqualTo(1);
        cut.accept(call);
        assertThat(closed.orTimeout(10, TimeUnit.SECONDS).join().getCode()).isEqualTo(expected);
        assertThat(replies).hasSizeLessThan(REPLIES);

        await().atMost(10, TimeUnit.SECONDS)
            .until(() -> this.executor.activeWorkers() == 0 && this.executor.queuedTasks() == 0);
        assertThat(this.records.count()).isZero();
    }
}
