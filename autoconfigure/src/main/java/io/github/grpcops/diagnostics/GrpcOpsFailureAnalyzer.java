package io.github.grpcops.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Turns a {@link GrpcOpsConfigurationException}, wherever it sits in the causes of a failed start (six
 * levels down in bean creation, or inside a property binding failure), into Spring Boot's
 * "APPLICATION FAILED TO START" description and action, with where the property was set. Runs before
 * Spring Boot's own analyzers, whose binding report would print the value (a secret, for some of these).
 */
public class GrpcOpsFailureAnalyzer extends AbstractFailureAnalyzer<GrpcOpsConfigurationException>
        implements Ordered {

    private final ConfigurableEnvironment environment;

    public GrpcOpsFailureAnalyzer(Environment environment) {
        this.environment = (environment instanceof ConfigurableEnvironment configurable) ? configurable : null;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GrpcOpsConfigurationException cause) {
        String description = cause.getMessage();
        Origin origin = origin(cause.property());
        if (origin != null) {
            description += String.format("%n%n    Property: %s%n    Origin: %s", cause.property(), origin);
        }
        return new FailureAnalysis(description, cause.action(), cause);
    }

    /** Where the property's winning value comes from (file and line), when Spring knows it. */
    private Origin origin(String property) {
        if (property == null || this.environment == null) {
            return null;
        }
        for (PropertySource<?> source : this.environment.getPropertySources()) {
            if (source.containsProperty(property)) {
                return OriginLookup.getOrigin(source, property);
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
