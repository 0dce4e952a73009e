package io.github.grpcops.server;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * HTTP/2 limits per connection ({@code grpc.limits.*}), on by default with values real clients do not
 * reach, applied to the server builder as a {@link ServerBuilderCustomizer} when the server is grpc-java's
 * shaded Netty one.
 */
@AutoConfiguration
@ConditionalOnClass(name = "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder")
@EnableConfigurationProperties(Http2LimitsProperties.class)
public class Http2LimitsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Http2Limits http2Limits(Http2LimitsProperties properties) {
        return new Http2Limits(properties);
    }
}
