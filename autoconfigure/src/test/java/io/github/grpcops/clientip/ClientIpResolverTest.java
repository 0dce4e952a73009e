package io.github.grpcops.clientip;

import java.net.InetSocketAddress;
import java.util.List;

import io.github.grpcops.diagnostics.GrpcOpsConfigurationException;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientIpResolverTest {

    private static final InetSocketAddress PROXY = new InetSocketAddress("10.0.0.5", 40000);

    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.9", 40000);

    private static Metadata forwardedFor(String... values) {
        Metadata headers = new Metadata();
        for (String value : values) {
            headers.put(ClientIpResolver.X_FORWARDED_FOR, value);
        }
        return headers;
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientIpResolver resolver = new ClientIpResolver(List.of());
        assertThat(resolver.resolve(PROXY, forwardedFor("203.0.113.7"))).isEqualTo("10.0.0.5");
    }

    @Test
    void headerFromAnUntrustedPeerIsIgnored() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8"));
        assertThat(resolver.resolve(STRANGER, forwardedFor("203.0.113.7"))).isEqualTo("198.51.100.9");
    }

    @Test
    void rightmostUntrustedEntryWinsAndSpoofedLeftEntriesAreIgnored() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8", "192.168.1.1"));
        assertThat(resolver.resolve(PROXY, forwardedFor("1.1.1.1, 203.0.113.7, 192.168.1.1"))).isEqualTo("203.0.113.7");
        assertThat(resolver.resolve(PROXY, forwardedFor("1.1.1.1", "203.0.113.7, 10.9.9.9"))).isEqualTo("203.0.113.7");
    }

    @Test
    void allHopsTrustedGivesTheLeftmost() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8"));
        assertThat(resolver.resolve(PROXY, forwardedFor("10.1.2.3, 10.4.5.6"))).isEqualTo("10.1.2.3");
    }

    @Test
    void malformedEntryStopsAtTheLastGoodHop() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8"));
        assertThat(resolver.resolve(PROXY, forwardedFor("203.0.113.7, evil.example.com, 10.0.0.9")))
            .isEqualTo("10.0.0.9");
        assertThat(resolver.resolve(PROXY, forwardedFor("<script>"))).isEqualTo("10.0.0.5");
        assertThat(resolver.resolve(PROXY, new Metadata())).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6BlocksAndBracketedEntriesAreUnderstood() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("fd00::/8"));
        InetSocketAddress proxy = new InetSocketAddress("fd00::1", 1);
        assertThat(resolver.resolve(proxy, forwardedFor("[2001:db8::7]"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(resolver.resolve(new InetSocketAddress("fe00::1", 1), forwardedFor("2001:db8::7")))
            .isEqualTo("fe00:0:0:0:0:0:0:1");
    }

    @Test
    void prefixesOfAnyLengthMatchBitByBit() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("172.16.0.0/12"));
        assertThat(resolver.resolve(new InetSocketAddress("172.31.255.1", 1), forwardedFor("203.0.113.7")))
            .isEqualTo("203.0.113.7");
        assertThat(resolver.resolve(new InetSocketAddress("172.32.0.1", 1), forwardedFor("203.0.113.7")))
            .isEqualTo("172.32.0.1");
    }

    @Test
    void nonIpTransportHasNoClientIp() {
        assertThat(new ClientIpResolver(List.of()).resolve(null, new Metadata())).isNull();
    }

    @Test
    void badTrustedProxyEntriesAreRefusedWithAReason() {
        assertThatExceptionOfType(GrpcOpsConfigurationException.class)
            .isThrownBy(() -> new ClientIpResolver(List.of("10.0.0.0/33")))
            .withMessageContaining("prefix length outside 0 to 32");
        assertThatExceptionOfType(GrpcOpsConfigurationException.class)
            .isThrownBy(() -> new ClientIpResolver(List.of("10.0.0.0/x")))
            .withMessageContaining("prefix length");
        assertThatExceptionOfType(GrpcOpsConfigurationException.class)
            .isThrownBy(() -> new ClientIpResolver(List.of("localhost")))
            .withMessageContaining("host names are not resolved");
    }
}
