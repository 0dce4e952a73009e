package io.github.grpcops.consolelog;

import java.time.Duration;
import java.util.ArrayList;

import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineOrder;
import org.slf4j.event.Level;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Console log of calls: {@code grpc.console-log.*}.
 */
@ConfigurationProperties("grpc.console-log")
public class ConsoleLogProperties extends InterceptorProperties {

    /** Level of the start line and of the end line of successful calls. */
    private Level successLevel = Level.DEBUG;

    /** Duration above which a call's end line is flagged SLOW and logged at WARN or above. */
    private Duration slowThreshold = Duration.ofSeconds(1);

    public ConsoleLogProperties() {
        super(PipelineOrder.CONSOLE_LOG);
        // A load balancer's health checks (and their NOT_FOUND for an unknown service, at WARN) would drown the log.
        setExcludeMethods(new ArrayList<>(HEALTH_AND_REFLECTION));
    }

    public Level getSuccessLevel() {
        return this.successLevel;
    }

    public void setSuccessLevel(Level successLevel) {
        this.successLevel = successLevel;
    }

    public Duration getSlowThreshold() {
        return this.slowThreshold;
    }

    public void setSlowThreshold(Duration slowThreshold) {
        this.slowThreshold = slowThreshold;
    }
}
