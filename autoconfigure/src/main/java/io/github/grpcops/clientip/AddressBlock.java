package io.github.grpcops.clientip;

import java.net.InetAddress;

import com.google.common.net.InetAddresses;
import io.github.grpcops.diagnostics.GrpcOpsConfigurationException;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}), parsed without any DNS lookup.
 */
final class AddressBlock {

    private static final String PROPERTY = "grpc.client-ip.trusted-proxies";

    private final byte[] network;

    private final int prefixLength;

    private AddressBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses {@code address} or {@code address/prefix}; a host name or malformed block is refused. */
    static AddressBlock parse(String block) {
        String text = block.trim();
        int slash = text.indexOf('/');
        String address = (slash >= 0) ? text.substring(0, slash) : text;
        if (!InetAddresses.isInetAddress(address)) {
            throw invalid(block, "is not an IP address or CIDR block (host names are not resolved)");
        }
        byte[] bytes = InetAddresses.forString(address).getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            }
            catch (NumberFormatException ex) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw invalid(block, "has a prefix length outside 0 to " + bits);
            }
        }
        return new AddressBlock(bytes, prefix);
    }

    private static GrpcOpsConfigurationException invalid(String block, String problem) {
        return new GrpcOpsConfigurationException(PROPERTY, PROPERTY + ": '" + block + "' " + problem + ".",
                "List the proxies in front of this server in " + PROPERTY + " as IP addresses or CIDR blocks, "
                        + "e.g. 10.0.0.0/8,192.168.1.7.");
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != this.network.length) {
            return false;
        }
        int full = this.prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != this.network[i]) {
                return false;
            }
        }
        int rest = this.prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (this.network[full] & mask);
    }
}
