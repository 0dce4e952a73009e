package io.github.grpcops.clientip;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a call comes from: {@code grpc.client-ip.*}.
 */
@ConfigurationProperties("grpc.client-ip")
public class ClientIpProperties {

    /**
     * Addresses or CIDR blocks (10.0.0.0/8, ::1) of proxies whose x-forwarded-for header is believed;
     * empty to ignore the header and use the peer address.
     */
    private List<String> trustedProxies = new ArrayList<>();

    public List<String> getTrustedProxies() {
        return this.trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }
}
