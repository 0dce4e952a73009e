package io.github.grpcops.consolelog;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the console-log interceptor ({@code grpc.console-log.enabled}, on by default).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "grpc.console-log.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsoleLogProperties.class)
public class ConsoleLogAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsoleLogServerInterceptor consoleLogServerInterceptor(ConsoleLogProperties properties) {
        return new ConsoleLogServerInterceptor(properties);
    }
}
