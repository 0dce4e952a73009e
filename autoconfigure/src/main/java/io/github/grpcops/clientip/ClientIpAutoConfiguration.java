package io.github.grpcops.clientip;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The client-address resolver the pipeline resolves each call's client IP with (the request log and
 * rate limiting read it from the call's facts), configured by {@code grpc.client-ip.trusted-proxies}.
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
