package io.github.grpcops.sample.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every configuration the benchmark knows, in one place. To measure a capability, add an entry here
 * (its switches as properties, its credentials as headers) and compare it against {@code bare} or
 * {@code default}; when a new built-in interceptor lands, add its {@code enabled=false} to {@code bare}.
 */
final class BenchConfigurations {

    private static final Map<String, BenchConfiguration> ALL = index(
            new BenchConfiguration("bare",
                    "no grpc-ops interceptors (console log and request id off); the bounded worker pool stays",
                    Map.of("grpc.console-log.enabled", "false", "grpc.request-id.enabled", "false")),
            new BenchConfiguration("default",
                    "the starter's defaults: console log (OK calls at DEBUG) and request id on", Map.of()));

    private BenchConfigurations() {
    }

    /** All configurations by name, in the order they are declared. */
    static Map<String, BenchConfiguration> all() {
        return ALL;
    }

    /** The configuration of that name; the message lists the known names when there is none. */
    static BenchConfiguration named(String name) {
        BenchConfiguration configuration = ALL.get(name);
        if (configuration == null) {
            throw new IllegalArgumentException(
                    "Unknown configuration '" + name + "'; known: " + String.join(", ", ALL.keySet()));
        }
        return configuration;
    }

    private static Map<String, BenchConfiguration> index(BenchConfiguration... configurations) {
        Map<String, BenchConfiguration> byName = new LinkedHashMap<>();
        for (BenchConfiguration configuration : configurations) {
            if (byName.put(configuration.name(), configuration) != null) {
                throw new IllegalStateException("Two benchmark configurations are named " + configuration.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
