package io.github.grpcops.netdevh;

import io.github.grpcops.server.ServerLifecycleEvent;
import io.grpc.Server;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.event.GrpcServerTerminatedEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Publishes grpc-ops' {@link ServerLifecycleEvent}s for net.devh's server events (starting and a
 * failed start come from {@link LifecycleReportingServer}), on the same thread, so grpc-ops' listeners
 * have run when net.devh's publisher returns.
 */
class NetDevhLifecycleEvents {

    private final ApplicationEventPublisher events;

    NetDevhLifecycleEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** With the bound port: net.devh's event has the configured one. */
    @EventListener
    public void onStarted(GrpcServerStartedEvent event) {
        Server server = event.getServer();
        int port = (server.getPort() > 0) ? server.getPort() : event.getPort();
        this.events.publishEvent(new ServerLifecycleEvent.Started(server, event.getAddress(), port));
    }

    /** First of net.devh's shutdown listeners: the health service turns NOT_SERVING before anything else. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void onShutdown(GrpcServerShutdownEvent event) {
        this.events.publishEvent(new ServerLifecycleEvent.Stopping());
    }

    @EventListener
    public void onTerminated(GrpcServerTerminatedEvent event) {
        this.events.publishEvent(new ServerLifecycleEvent.Terminated());
    }
}
