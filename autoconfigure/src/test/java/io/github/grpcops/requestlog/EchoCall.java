package io.github.grpcops.requestlog;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.requestid.RequestIds;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;

/**
 * One call to the echo service of any type through the raw {@link ClientCall} API, so one test can
 * drive all four types the same way: send, half-close, cancel, wait for the status.
 */
final class EchoCall {

    private final ClientCall<EchoRequest, EchoReply> call;

    private final List<EchoReply> replies = new CopyOnWriteArrayList<>();

    private final CompletableFuture<Status> closed = new CompletableFuture<>();

    private EchoCall(ClientCall<EchoRequest, EchoReply> call) {
        this.call = call;
    }

    static MethodDescriptor<EchoRequest, EchoReply> method(MethodType type) {
        return switch (type) {
            case UNARY -> EchoServiceGrpc.getEchoMethod();
            case CLIENT_STREAMING -> EchoServiceGrpc.getCollectMethod();
            case SERVER_STREAMING -> EchoServiceGrpc.getExpandMethod();
            case BIDI_STREAMING -> EchoServiceGrpc.getChatMethod();
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    static EchoCall start(Channel channel, MethodType type, String requestId, CallOptions options) {
        EchoCall echo = new EchoCall(channel.newCall(method(type), options));
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, requestId);
        echo.call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(EchoReply message) {
                echo.replies.add(message);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                echo.closed.complete(status);
            }
        }, headers);
        echo.call.request(Integer.MAX_VALUE);
        return echo;
    }

    /** Starts a call, sends {@code requests} and half-closes. */
    static EchoCall complete(Channel channel, MethodType type, String requestId, EchoRequest... requests) {
        EchoCall echo = start(channel, type, requestId, CallOptions.DEFAULT);
        for (EchoRequest request : requests) {
            echo.send(request);
        }
        echo.halfClose();
        return echo;
    }

    EchoCall send(EchoRequest request) {
        this.call.sendMessage(request);
        return this;
    }

    EchoCall halfClose() {
        this.call.halfClose();
        return this;
    }

    void cancel() {
        this.call.cancel("cancelled by the test", null);
    }

    Status status() {
        try {
            return this.closed.get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new AssertionError("The call did not close", ex);
        }
    }

    boolean isClosed() {
        return this.closed.isDone();
    }

    List<EchoReply> replies() {
        return this.replies;
    }
}
