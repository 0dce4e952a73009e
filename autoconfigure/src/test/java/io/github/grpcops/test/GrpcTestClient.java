package io.github.grpcops.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;

/**
 * Opens plaintext channels to the application's real gRPC server, whose port (random with
 * {@code grpc.server.port=0}) it learns from {@link GrpcServerStartedEvent}; closes them with the context.
 */
public class GrpcTestClient implements DisposableBean {

    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

    private volatile int port = -1;

    @EventListener
    public void onServerStarted(GrpcServerStartedEvent event) {
        this.port = event.getPort();
    }

    public int port() {
        if (this.port < 0) {
            throw new IllegalStateException("The gRPC server has not started");
        }
        return this.port;
    }

    public ManagedChannel channel() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port())
            .usePlaintext()
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build();
        this.channels.add(channel);
        return channel;
    }

    /** {@code channel}, sending {@code key: value} with every call. */
    public static Channel withHeader(Channel channel, Metadata.Key<String> key, String value) {
        Metadata headers = new Metadata();
        headers.put(key, value);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public void destroy() throws InterruptedException {
        for (ManagedChannel channel : this.channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
