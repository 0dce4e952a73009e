package io.github.grpcops.auth.readonly;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.auth.probe.ProbeRecord;
import io.github.grpcops.auth.probe.ProbeRecordRepository;
import io.github.grpcops.auth.probe.api.ReadOnlyProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a {@link io.github.grpcops.auth.ReadOnlyService} guarantees on any database: reads work in every
 * call type, and a write in any call type ends the call with FAILED_PRECONDITION and leaves no row behind.
 */
abstract class ReadOnlyServiceContract {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    ProbeRecordRepository records;

    ReadOnlyProbeGrpc.ReadOnlyProbeBlockingStub blocking;

    @BeforeEach
    void stubs() {
        this.blocking = ReadOnlyProbeGrpc.newBlockingStub(this.grpc.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
        this.records.deleteAll();
    }

    static WhoRequest text(String text) {
        return WhoRequest.newBuilder().setText(text).build();
    }

    static void assertRefused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(ex.getStatus().getDescription()).contains("read-only");
        });
    }

    @Test
    void readsWork() {
        assertThat(this.blocking.count(text("")).getCount()).isZero();
    }

    @Test
    void jpaWriteInUnaryCallIsRefusedAndNothingIsWritten() {
        assertRefused(() -> this.blocking.write(text("unary")));
        assertThat(this.records.count()).isZero();
        assertThat(this.blocking.count(text("")).getCount()).isZero();
    }

    @Test
    void jpaWriteInClientStreamIsRefusedAndNothingIsWritten() {
        assertRefused(() -> stream(ReadOnlyProbeGrpc.newStub(this.grpc.channel())::writeStream, "read", "write", "read"));
        assertThat(this.records.count()).isZero();
    }

    @Test
    void jpaWriteInBidiStreamIsRefusedAfterEarlierRepliesAndNothingIsWritten() {
        assertRefused(() -> stream(ReadOnlyProbeGrpc.newStub(this.grpc.channel())::writeChat, "read", "write"));
        assertThat(this.records.count()).isZero();
    }

    @Test
    void serverStreamReadsInEveryReply() {
        this.records.save(new ProbeRecord("seed"));
        List<WhoReply> replies = new ArrayList<>();
        this.blocking.countStream(WhoRequest.newBuilder().setText("read").setRepeat(3).build())
            .forEachRemaining(replies::add);
        assertThat(replies).extracting(WhoReply::getCount).containsExactly(1, 1, 1);
    }

    @Test
    void jpaWriteInServerStreamIsRefusedAndNothingIsWritten() {
        assertRefused(() -> this.blocking.countStream(WhoRequest.newBuilder().setText("write").setRepeat(2).build())
            .forEachRemaining(reply -> {
            }));
        assertThat(this.records.count()).isZero();
    }

    @Test
    void streamsWithoutWritesComplete() {
        assertThat(stream(ReadOnlyProbeGrpc.newStub(this.grpc.channel())::writeStream, "read", "read"))
            .singleElement()
            .extracting(WhoReply::getCount)
            .isEqualTo(2);
    }

    static List<WhoReply> stream(java.util.function.Function<StreamObserver<WhoReply>, StreamObserver<WhoRequest>> call,
            String... texts) {
        List<WhoReply> replies = new ArrayList<>();
        CompletableFuture<List<WhoReply>> done = new CompletableFuture<>();
        StreamObserver<WhoRequest> requests = call.apply(new StreamObserver<>() {
            @Override
            public synchronized void onNext(WhoReply value) {
                replies.add(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public synchronized void onCompleted() {
                done.complete(replies);
            }
        });
        for (String text : texts) {
            requests.onNext(text(text));
        }
        requests.onCompleted();
        try {
            return done.get(10, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
