package io.github.grpcops.test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.pipeline.RequestIds;
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
import io.grpc.StatusRuntimeException;

/**
 * One call to the echo service of any type through the raw {@link ClientCall} API, so one test can
 * drive all four types the same way: send, half-close, cancel, wait for the status, read the headers.
 */
public final class EchoCall {

    private final ClientCall<EchoRequest, EchoReply> call;

    private final List<EchoReply> replies = new CopyOnWriteArrayList<>();

    private final CompletableFuture<Status> closed = new CompletableFuture<>();

    private volatile Metadata headers;

    private volatile Metadata trailers;

    private EchoCall(ClientCall<EchoRequest, EchoReply> call) {
        this.call = call;
    }

    public static MethodDescriptor<EchoRequest, EchoReply> method(MethodType type) {
        return switch (type) {
            case UNARY -> EchoServiceGrpc.getEchoMethod();
            case CLIENT_STREAMING -> EchoServiceGrpc.getCollectMethod();
            case SERVER_STREAMING -> EchoServiceGrpc.getExpandMethod();
            case BIDI_STREAMING -> EchoServiceGrpc.getChatMethod();
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /** Starts a call sending {@code requestId} as {@code x-request-id}, or none when it is {@code null}. */
    public static EchoCall start(Channel channel, MethodType type, String requestId, CallOptions options) {
        EchoCall echo = new EchoCall(channel.newCall(method(type), options));
        Metadata headers = new Metadata();
        if (requestId != null) {
            headers.put(RequestIds.HEADER, requestId);
        }
        echo.call.start(new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata headers) {
                echo.headers = headers;
            }

            @Override
            public void onMessage(EchoReply message) {
                echo.replies.add(message);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                echo.trailers = trailers;
                echo.closed.complete(status);
            }
        }, headers);
        echo.call.request(Integer.MAX_VALUE);
        return echo;
    }

    /** Whether the client sends a stream of requests, so a started call stays open until half-closed. */
    public static boolean streamsRequests(MethodType type) {
        return type == MethodType.CLIENT_STREAMING || type == MethodType.BIDI_STREAMING;
    }

    /**
     * Starts a call and sends one request; half-closes when the type takes only one request (the service
     * runs on half-close then), so streaming requests stay open for the test to cancel or continue.
     */
    public static EchoCall open(Channel channel, MethodType type, String requestId, CallOptions options,
            EchoRequest request) {
        EchoCall call = start(channel, type, requestId, options).send(request);
        return streamsRequests(type) ? call : call.halfClose();
    }

    /** Starts a call, sends {@code requests} and half-closes. */
    public static EchoCall complete(Channel channel, MethodType type, String requestId, EchoRequest... requests) {
        EchoCall echo = start(channel, type, requestId, CallOptions.DEFAULT);
        for (EchoRequest request : requests) {
            echo.send(request);
        }
        echo.halfClose();
        return echo;
    }

    public EchoCall send(EchoRequest request) {
        this.call.sendMessage(request);
        return this;
    }

    public EchoCall halfClose() {
        this.call.halfClose();
        return this;
    }

    public void cancel() {
        this.call.cancel("cancelled by the test", null);
    }

    public Status status() {
        try {
            return this.closed.get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new AssertionError("The call did not close", ex);
        }
    }

    public boolean isClosed() {
        return this.closed.isDone();
    }

    public List<EchoReply> replies() {
        return this.replies;
    }

    /** The response headers, or {@code null} when none came; read after {@link #status()}. */
    public Metadata headers() {
        return this.headers;
    }

    /** The trailers that came with the status; read after {@link #status()}. */
    public Metadata trailers() {
        return this.trailers;
    }

    /** The status and trailers of a failed call, as a blocking stub would have thrown them. */
    public StatusRuntimeException failure() {
        return status().asRuntimeException(trailers());
    }
}
