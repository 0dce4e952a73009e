package io.github.grpcops.clientip;

import java.net.InetSocketAddress;
import java.util.List;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-address resolver's auto-configuration: present by default and ignoring
 * {@code x-forwarded-for}, trusting the proxies of {@code grpc.client-ip.trusted-proxies}, backing off
 * for a user's resolver, and refusing a malformed proxy block at start-up. It has no switch of its own:
 * it does nothing unless the request log (or user code) asks it for an address.
 */
class ClientIpAutoConfigurationTest {

    private static final InetSocketAddress PROXY = new InetSocketAddress("10.1.2.3", 40000);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ClientIpAutoConfiguration.class));

    private static Metadata forwardedFor(String value) {
        Metadata headers = new Metadata();
        headers.put(ClientIpResolver.X_FORWARDED_FOR, value);
        return headers;
    }

    @Test
    void resolverIsPresentByDefaultAndBelievesNoForwardedHeader() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(ClientIpResolver.class);
            assertThat(context.getBean(ClientIpResolver.class).resolve(PROXY, forwardedFor("203.0.113.7")))
                .isEqualTo("10.1.2.3");
        });
    }

    @Test
    void trustedProxiesComeFromProperties() {
        this.runner.withPropertyValues("grpc.client-ip.trusted-proxies=192.168.0.1, 10.0.0.0/8")
            .run(context -> assertThat(context.getBean(ClientIpResolver.class)
                .resolve(PROXY, forwardedFor("203.0.113.7"))).isEqualTo("203.0.113.7"));
    }

    @Test
    void clientIpResolverBacksOffWhenUserDefinesOne() {
        ClientIpResolver own = new ClientIpResolver(List.of("0.0.0.0/0"));
        this.runner.withPropertyValues("grpc.client-ip.trusted-proxies=192.168.0.1")
            .withBean(ClientIpResolver.class, () -> own)
            .run(context -> {
                assertThat(context).hasSingleBean(ClientIpResolver.class);
                assertThat(context.getBean(ClientIpResolver.class)).isSameAs(own);
            });
    }

    @Test
    void malformedTrustedProxyFailsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("grpc.client-ip.trusted-proxies=proxy.internal")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("grpc.client-ip.trusted-proxies: 'proxy.internal' is not an IP address"));
    }
}
