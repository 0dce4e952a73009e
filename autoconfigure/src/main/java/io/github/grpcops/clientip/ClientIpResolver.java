package io.github.grpcops.clientip;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import com.google.common.net.InetAddresses;
import io.github.grpcops.pipeline.ClientIpLookup;
import io.grpc.Metadata;

/**
 * Finds the address a call really comes from: the peer address, unless the peer is a trusted proxy,
 * in which case {@code x-forwarded-for} is read from the right, skipping trusted proxies, and the
 * first address that is not one wins. Entries to the left of it were written by the client itself and
 * are never believed; a malformed entry stops the walk at the last good hop. The pipeline resolves it
 * once per call: read it from {@code CallFacts.current().clientIp()}.
 */
class ClientIpResolver implements ClientIpLookup {

    static final Metadata.Key<String> X_FORWARDED_FOR = Metadata.Key.of("x-forwarded-for",
            Metadata.ASCII_STRING_MARSHALLER);

    private final List<AddressBlock> trustedProxies;

    public ClientIpResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(AddressBlock::parse).toList();
    }

    @Override
    public String resolve(SocketAddress peer, Metadata headers) {
        InetAddress hop = ClientIpLookup.addressOf(peer);
        if (hop == null) {
            return null;
        }
        if (this.trustedProxies.isEmpty() || !isTrusted(hop)) {
            return hop.getHostAddress();
        }
        List<String> forwarded = forwardedFor(headers);
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String entry = forwarded.get(i);
            if (!InetAddresses.isInetAddress(entry)) {
                break;
            }
            hop = InetAddresses.forString(entry);
            if (!isTrusted(hop)) {
                break;
            }
        }
        return hop.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return this.trustedProxies.stream().anyMatch(block -> block.contains(address));
    }

    /** All x-forwarded-for entries in order; several headers read as one list. */
    private static List<String> forwardedFor(Metadata headers) {
        Iterable<String> values = headers.getAll(X_FORWARDED_FOR);
        List<String> entries = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String entry : value.split(",")) {
                    entries.add(stripBrackets(entry.trim()));
                }
            }
        }
        return entries;
    }

    private static String stripBrackets(String entry) {
        return (entry.startsWith("[") && entry.endsWith("]")) ? entry.substring(1, entry.length() - 1) : entry;
    }
}
