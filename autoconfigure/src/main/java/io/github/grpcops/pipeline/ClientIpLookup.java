package io.github.grpcops.pipeline;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.grpc.Metadata;

/**
 * Finds the address a call comes from. In an application it is grpc-ops' {@code ClientIpResolver},
 * which believes {@code x-forwarded-for} from trusted proxies only; {@link #PEER} takes the transport's
 * peer address as it is.
 */
@FunctionalInterface
public interface ClientIpLookup {

    /** The peer's address, ignoring every header. */
    ClientIpLookup PEER = (peer, headers) -> {
        InetAddress address = addressOf(peer);
        return (address != null) ? address.getHostAddress() : null;
    };

    /** The client's IP address as text, or {@code null} when the transport is not IP (in-process). */
    String resolve(SocketAddress peer, Metadata headers);

    /** The IP address of a peer, or {@code null} when the transport is not IP. */
    static InetAddress addressOf(SocketAddress peer) {
        return (peer instanceof InetSocketAddress socket) ? socket.getAddress() : null;
    }
}
