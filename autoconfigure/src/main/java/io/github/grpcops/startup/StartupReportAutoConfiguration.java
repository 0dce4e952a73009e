package io.github.grpcops.startup;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The start-up report ({@link StartupReportListener}): what grpc-ops turned on and off, and why.
 */
@AutoConfiguration
public class StartupReportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StartupReportListener grpcOpsStartupReportListener() {
        return new StartupReportListener();
    }
}
