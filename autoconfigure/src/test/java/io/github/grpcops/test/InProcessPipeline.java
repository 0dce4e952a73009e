package io.github.grpcops.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

/**
 * A service behind interceptors on grpc-java's in-process transport, without Spring: for tests of the
 * pipeline core. Interceptors are listed outermost first, as the pipeline's order reads.
 */
public final class InProcessPipeline implements AutoCloseable {

    private final Server server;

    private final ManagedChannel channel;

    private InProcessPipeline(ServerServiceDefinition service) {
        String name = "pipeline-" + UUID.randomUUID();
        try {
            this.server = InProcessServerBuilder.forName(name).addService(service).build().start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.channel = InProcessChannelBuilder.forName(name).build();
    }

    public static InProcessPipeline of(BindableService service, ServerInterceptor... outermostFirst) {
        return of(service.bindService(), outermostFirst);
    }

    public static InProcessPipeline of(ServerServiceDefinition service, ServerInterceptor... outermostFirst) {
        return new InProcessPipeline(ServerInterceptors.interceptForward(service, outermostFirst));
    }

    public ManagedChannel channel() {
        return this.channel;
    }

    @Override
    public void close() throws InterruptedException {
        this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
