package io.github.grpcops.test;

import java.util.List;

import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Channel;

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
        return StreamingCalls.exchange(requests, EchoServiceGrpc.newStub(channel)::collect).get(0);
    }

    /** Bidi: sends {@code requests}, returns every reply. */
    public static List<EchoReply> chat(Channel channel, List<EchoRequest> requests) {
        return StreamingCalls.exchange(requests, EchoServiceGrpc.newStub(channel)::chat);
    }
}
