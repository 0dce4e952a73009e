package io.github.grpcops.server;

import java.util.Objects;

import io.grpc.Server;

import org.springframework.context.ApplicationEvent;

/**
 * The gRPC server's life as grpc-ops sees it, published by the server adapter whatever integration
 * runs the server: {@link Starting} just before it binds, then {@link Started} with the port it listens
 * on or {@link StartFailed} with the cause, later {@link Stopping} when shutdown begins and
 * {@link Terminated} once it has ended (a server that failed to start may be stopped too). Every event is published on the thread that drives the server,
 * so a listener that returns has been heard before the server moves on.
 */
public abstract sealed class ServerLifecycleEvent extends ApplicationEvent {

    private ServerLifecycleEvent(Object source) {
        super(source);
    }

    /** An event that names where the server binds or listens. */
    public abstract static sealed class AtAddress extends ServerLifecycleEvent {

        private final String address;

        private final int port;

        private AtAddress(Object source, String address, int port) {
            super(source);
            this.address = address;
            this.port = port;
        }

        /** The address as configured ({@code *}, {@code 0.0.0.0} or {@code ::} for every interface). */
        public String address() {
            return this.address;
        }

        public int port() {
            return this.port;
        }
    }

    /** The server is about to bind its port (as configured: {@code 0} for a random one). */
    public static final class Starting extends AtAddress {

        public Starting(Object source, String address, int port) {
            super(source, address, port);
        }
    }

    /** The server could not start; the application context is about to fail. */
    public static final class StartFailed extends AtAddress {

        private final Throwable cause;

        public StartFailed(Object source, String address, int port, Throwable cause) {
            super(source, address, port);
            this.cause = Objects.requireNonNull(cause, "cause");
        }

        public Throwable cause() {
            return this.cause;
        }
    }

    /** The server listens on its port: the bound one, {@code -1} for an in-process server. */
    public static final class Started extends AtAddress {

        private final Server server;

        public Started(Object source, Server server, String address, int port) {
            super(source, address, port);
            this.server = Objects.requireNonNull(server, "server");
        }

        /** The running server, with the services it serves. */
        public Server server() {
            return this.server;
        }
    }

    /** Shutdown has begun: the server takes no new calls and lets running ones finish. */
    public static final class Stopping extends ServerLifecycleEvent {

        public Stopping(Object source) {
            super(source);
        }
    }

    /** The server has ended. */
    public static final class Terminated extends ServerLifecycleEvent {

        public Terminated(Object source) {
            super(source);
        }
    }
}
