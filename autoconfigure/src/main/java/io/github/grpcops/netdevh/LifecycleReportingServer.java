package io.github.grpcops.netdevh;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.server.ServerLifecycleEvent;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The gRPC server, publishing {@link ServerLifecycleEvent.Starting} when it begins to start and
 * {@link ServerLifecycleEvent.StartFailed} when it fails to: net.devh publishes no event for either
 * (the context refresh just fails), and only here is the failure's cause at hand.
 */
final class LifecycleReportingServer extends Server {

    private final Server delegate;

    private final String address;

    private final int port;

    private final ApplicationEventPublisher events;

    LifecycleReportingServer(Server delegate, String address, int port, ApplicationEventPublisher events) {
        this.delegate = delegate;
        this.address = address;
        this.port = port;
        this.events = events;
    }

    @Override
    public Server start() throws IOException {
        this.events.publishEvent(new ServerLifecycleEvent.Starting(this.address, this.port));
        try {
            this.delegate.start();
            return this;
        }
        catch (IOException | RuntimeException ex) {
            this.events.publishEvent(new ServerLifecycleEvent.StartFailed(this.address, this.port, ex));
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
