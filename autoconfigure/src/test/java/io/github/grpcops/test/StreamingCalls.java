package io.github.grpcops.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.grpc.stub.StreamObserver;

/**
 * Blocking helper for client-streaming and bidi calls of any service: send all requests, wait for
 * every reply or the error.
 */
public final class StreamingCalls {

    private StreamingCalls() {
    }

    /**
     * Opens a call with {@code open} (e.g. {@code replies -> stub.chat(replies)}), sends {@code requests},
     * half-closes and returns every reply; a failed call throws its {@link io.grpc.StatusRuntimeException}.
     */
    public static <Q, R> List<R> exchange(List<Q> requests, Function<StreamObserver<R>, StreamObserver<Q>> open) {
        List<R> received = new ArrayList<>();
        CompletableFuture<List<R>> done = new CompletableFuture<>();
        StreamObserver<Q> out = open.apply(new StreamObserver<>() {
            @Override
            public void onNext(R reply) {
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
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
