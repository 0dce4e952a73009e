package io.github.grpcops.auth.probe;

import io.github.grpcops.auth.ReadOnlyService;
import io.github.grpcops.auth.probe.api.ReadOnlyProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads, and tries to write through JPA and through JDBC, in every call type. */
@GrpcService
public class ReadOnlyProbeService extends ReadOnlyProbeGrpc.ReadOnlyProbeImplBase implements ReadOnlyService {

    private final ProbeRecordRepository records;

    private final JdbcTemplate jdbc;

    public ReadOnlyProbeService(ProbeRecordRepository records, JdbcTemplate jdbc) {
        this.records = records;
        this.jdbc = jdbc;
    }

    @Override
    public void count(WhoRequest request, StreamObserver<WhoReply> replies) {
        replies.onNext(WhoReply.newBuilder().setCount((int) this.records.count()).build());
        replies.onCompleted();
    }

    /**
     * Stops as soon as the call is cancelled, as a well-behaved stream does: the callback then returns
     * normally, and only the interceptor's rollback keeps the rows it wrote out of the database.
     */
    @Override
    public void countStream(WhoRequest request, StreamObserver<WhoReply> replies) {
        for (int i = 0; i < request.getRepeat(); i++) {
            if (Context.current().isCancelled()) {
                return;
            }
            switch (request.getText()) {
                case "write" -> this.records.save(new ProbeRecord("stream"));
                case "jdbc" -> this.jdbc.update("insert into probe_record (text) values (?)", "stream");
                default -> {
                }
            }
            replies.onNext(WhoReply.newBuilder().setCount((int) this.records.count()).build());
            pause(request.getDelayMs());
        }
        replies.onCompleted();
    }

    @Override
    public void write(WhoRequest request, StreamObserver<WhoReply> replies) {
        // Two writes: the first must not survive the refusal of the second, nor the second of itself.
        this.records.save(new ProbeRecord(request.getText()));
        this.records.save(new ProbeRecord(request.getText()));
        replies.onNext(WhoReply.newBuilder().setCount((int) this.records.count()).build());
        replies.onCompleted();
    }

    @Override
    public void writeJdbc(WhoRequest request, StreamObserver<WhoReply> replies) {
        this.jdbc.update("insert into probe_record (text) values (?)", request.getText());
        replies.onNext(WhoReply.newBuilder().setCount((int) this.records.count()).build());
        replies.onCompleted();
    }

    @Override
    public StreamObserver<WhoRequest> writeStream(StreamObserver<WhoReply> replies) {
        return new StreamObserver<>() {
            private int count;

            @Override
            public void onNext(WhoRequest value) {
                this.count++;
                if (value.getText().equals("write")) {
                    ReadOnlyProbeService.this.records.save(new ProbeRecord("streamed"));
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                replies.onNext(WhoReply.newBuilder().setCount(this.count).build());
                replies.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<WhoRequest> writeChat(StreamObserver<WhoReply> replies) {
        return new StreamObserver<>() {
            @Override
            public void onNext(WhoRequest value) {
                if (value.getText().equals("write")) {
                    ReadOnlyProbeService.this.records.save(new ProbeRecord("chat"));
                }
                replies.onNext(WhoReply.newBuilder().setCount((int) ReadOnlyProbeService.this.records.count())
                    .build());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                replies.onCompleted();
            }
        };
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
