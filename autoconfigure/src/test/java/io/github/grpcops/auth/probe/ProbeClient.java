package io.github.grpcops.auth.probe;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.auth.probe.api.AuthProbeGrpc;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/** Calls the probe with given headers, in each call type, and collects replies or the failure. */
public final class ProbeClient {

    private final AuthProbeGrpc.AuthProbeBlockingStub blocking;

    private final AuthProbeGrpc.AuthProbeStub async;

    public ProbeClient(Channel channel, Metadata headers) {
        this.blocking = AuthProbeGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
        this.async = AuthProbeGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    public static Metadata header(String name, String... values) {
        Metadata headers = new Metadata();
        Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
        for (String value : values) {
            headers.put(key, value);
        }
        return headers;
    }

    /** A copy of {@code headers} with {@code x-request-id} set, to find the call in logs and rows. */
    public static Metadata withRequestId(Metadata headers, String requestId) {
        Metadata copy = new Metadata();
        copy.merge(headers);
        copy.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), requestId);
        return copy;
    }

    public static Metadata bearer(String token) {
        return header("authorization", "Bearer " + token);
    }

    public AuthProbeGrpc.AuthProbeBlockingStub blocking() {
        return this.blocking;
    }

    public WhoReply who() {
        return this.blocking.who(request(0));
    }

    public List<WhoReply> expand(int repeat) {
        List<WhoReply> replies = new ArrayList<>();
        Iterator<WhoReply> it = this.blocking.expandWho(request(repeat));
        it.forEachRemaining(replies::add);
        return replies;
    }

    public List<WhoReply> collect(int messages) {
        Collector collector = new Collector();
        StreamObserver<WhoRequest> requests = this.async.collectWho(collector);
        send(requests, messages);
        return collector.await();
    }

    public List<WhoReply> chat(int messages) {
        Collector collector = new Collector();
        StreamObserver<WhoRequest> requests = this.async.chatWho(collector);
        send(requests, messages);
        return collector.await();
    }

    /** Each call type once; each returns the replies or throws the call's {@link StatusRuntimeException}. */
    public List<Runnable> everyCallType() {
        return List.of(this::who, () -> expand(2), () -> collect(2), () -> chat(2));
    }

    private static void send(StreamObserver<WhoRequest> requests, int messages) {
        for (int i = 0; i < messages; i++) {
            requests.onNext(request(0));
        }
        requests.onCompleted();
    }

    static WhoRequest request(int repeat) {
        return WhoRequest.newBuilder().setText("probe").setRepeat(repeat).build();
    }

    private static final class Collector implements StreamObserver<WhoReply> {

        private final List<WhoReply> replies = new ArrayList<>();

        private final CompletableFuture<List<WhoReply>> done = new CompletableFuture<>();

        @Override
        public synchronized void onNext(WhoReply value) {
            this.replies.add(value);
        }

        @Override
        public void onError(Throwable t) {
            this.done.completeExceptionally(t);
        }

        @Override
        public synchronized void onCompleted() {
            this.done.complete(List.copyOf(this.replies));
        }

        List<WhoReply> await() {
            try {
                return this.done.get(10, TimeUnit.SECONDS);
            }
            catch (java.util.concurrent.ExecutionException ex) {
                if (ex.getCause() instanceof StatusRuntimeException status) {
                    throw status;
                }
                throw new IllegalStateException(ex.getCause());
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
