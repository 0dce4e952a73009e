package io.github.grpcops.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the {@link StartupReport} once the application is ready: one INFO block (logger
 * {@code io.github.grpcops.startup}; set it to WARN to keep only the warnings), then one WARN line per
 * setting that leaves a capability useless.
 */
class StartupReportListener implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupReportListener.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        StartupReport report = StartupReport.of(event.getApplicationContext(),
                event.getApplicationContext().getEnvironment());
        log.info("{}", report);
        report.warnings().forEach(warning -> log.warn("grpc-ops: {}", warning));
    }
}
