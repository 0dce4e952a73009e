package io.github.grpcops.clientip;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The client-address resolver the request log (and anything else that needs the caller's address)
 * uses, configured by {@code grpc.client-ip.trusted-proxies}.
 */
@AutoConfiguration
@EnableConfigurationProperties(ClientIpProperties.class)
public class ClientIpAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClientIpResolver clientIpResolver(ClientIpProperties properties) {
        return new ClientIpResolver(properties.getTrustedProxies());
    }
}
