package io.github.grpcops.server;

import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * What grpc-ops reads of the gRPC server's configuration, built by the server adapter from the
 * integration's properties. Where and on which port the server really listens comes with
 * {@link ServerLifecycleEvent.Started}.
 *
 * @param maxInboundMessageSize the largest request message the server accepts, {@code null} when not
 * set (grpc-java's 4MB default applies)
 * @param tls the server's TLS settings
 */
public record ServerSettings(DataSize maxInboundMessageSize, Tls tls) {

    /** No limit set and no TLS. */
    public static final ServerSettings DEFAULTS = new ServerSettings(null, Tls.OFF);

    /**
     * TLS of the server's port.
     *
     * @param enabled whether the server speaks TLS
     * @param certificateChain its certificate chain (PEM), {@code null} when it uses a key store or has none
     */
    public record Tls(boolean enabled, Resource certificateChain) {

        public static final Tls OFF = new Tls(false, null);
    }
}
