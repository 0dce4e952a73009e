package io.github.grpcops.status;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;

/**
 * The gRPC server, reporting to {@link ServerStatusTracker} when it begins to start and when it
 * fails to: net.devh publishes no event for a failed start (the context refresh just fails), and
 * only here is the failure's cause at hand.
 */
final class StatusReportingServer extends Server {

    private final Server delegate;

    private final String address;

    private final int port;

    private final ServerStatusTracker tracker;

    StatusReportingServer(Server delegate, String address, int port, ServerStatusTracker tracker) {
        this.delegate = delegate;
        this.address = address;
        this.port = port;
        this.tracker = tracker;
    }

    @Override
    public Server start() throws IOException {
        this.tracker.starting(this.address, this.port);
        try {
            this.delegate.start();
            return this;
        }
        catch (IOException | RuntimeException ex) {
            this.tracker.failed(this.address, this.port, ex);
            throw ex;
        }
    }

    @Override
    public int getPort() {
        return this.delegate.getPort();
    }

    @Override
    public List<? extends SocketAddress> getListenSockets() {
        return this.delegate.getListenSockets();
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
        return this.delegate.getServices();
    }

    @Override
    public List<ServerServiceDefinition> getImmutableServices() {
        return this.delegate.getImmutableServices();
    }

    @Override
    public List<ServerServiceDefinition> getMutableServices() {
        return this.delegate.getMutableServices();
    }

    @Override
    public Server shutdown() {
        this.delegate.shutdown();
        return this;
    }

    @Override
    public Server shutdownNow() {
        this.delegate.shutdownNow();
        return this;
    }

    @Override
    public boolean isShutdown() {
        return this.delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return this.delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return this.delegate.awaitTermination(timeout, unit);
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        this.delegate.awaitTermination();
    }

    @Override
    public String toString() {
        return this.delegate.toString();
    }
}
