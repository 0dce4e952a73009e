package io.github.grpcops.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;

/**
 * Blocking helpers for the streaming echo methods: send all requests, wait for every reply or the
 * error.
 */
public final class EchoCalls {

    private EchoCalls() {
    }

    public static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).build();
    }

    /** Client streaming: sends {@code requests}, returns the single reply. */
    public static EchoReply collect(Channel channel, List<EchoRequest> requests) {
        return streamed(requests, replies -> EchoServiceGrpc.newStub(channel).collect(replies)).get(0);
    }

    /** Bidi: sends {@code requests}, returns every reply. */
    public static List<EchoReply> chat(Channel channel, List<EchoRequest> requests) {
        return streamed(requests, replies -> EchoServiceGrpc.newStub(channel).chat(replies));
    }

    private static List<EchoReply> streamed(List<EchoRequest> requests,
            java.util.function.Function<StreamObserver<EchoReply>, StreamObserver<EchoRequest>> open) {
        List<EchoReply> received = new ArrayList<>();
        CompletableFuture<List<EchoReply>> done = new CompletableFuture<>();
        StreamObserver<EchoRequest> out = open.apply(new StreamObserver<>() {
            @Override
            public void onNext(EchoReply reply) {
                received.add(reply);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(received);
            }
        });
        requests.forEach(out::onNext);
        out.onCompleted();
        try {
            return done.get(30, TimeUnit.SECONDS);
        }
        catch (java.util.concurrent.ExecutionException ex) {
            throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
