package io.github.grpcops.server;

import java.util.Objects;

import io.grpc.Server;

/**
 * The gRPC server's life as grpc-ops sees it, published (as Spring payload events) by the server
 * adapter whatever integration runs the server: {@link Starting} just before it binds, then
 * {@link Started} with the port it listens on or {@link StartFailed} with the cause, later
 * {@link Stopping} when shutdown begins and {@link Terminated} once it has ended (a server that failed
 * to start may be stopped too). Every event is published on the thread that drives the server, so a
 * listener that returns has been heard before the server moves on.
 */
public sealed interface ServerLifecycleEvent {

    /**
     * The server is about to bind.
     *
     * @param address the address as configured ({@code *}, {@code 0.0.0.0} or {@code ::} for every interface)
     * @param port the port as configured ({@code 0} for a random one)
     */
    record Starting(String address, int port) implements ServerLifecycleEvent {
    }

    /** The server could not start; the application context is about to fail. */
    record StartFailed(String address, int port, Throwable cause) implements ServerLifecycleEvent {

        public StartFailed {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The server listens.
     *
     * @param server the running server, with the services it serves
     * @param address the address as configured
     * @param port the bound port, {@code -1} for an in-process server
     */
    record Started(Server server, String address, int port) implements ServerLifecycleEvent {

        public Started {
            Objects.requireNonNull(server, "server");
        }
    }

    /** Shutdown has begun: the server takes no new calls and lets running ones finish. */
    record Stopping() implements ServerLifecycleEvent {
    }

    /** The server has ended. */
    record Terminated() implements ServerLifecycleEvent {
    }
}
