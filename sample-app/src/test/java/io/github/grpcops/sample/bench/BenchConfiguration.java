package io.github.grpcops.sample.bench;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named way of running the sample app under load: the Spring properties its server starts with and
 * the metadata headers every benchmark call carries (a bearer token, an {@code x-api-key}).
 * @param name what {@code --config} and {@code --compare} call it
 * @param description one line for {@code --list} and the report
 * @param properties Spring properties passed to the server as {@code --key=value}
 * @param headers metadata added to every call, sent as given
 */
record BenchConfiguration(String name, String description, Map<String, String> properties,
        Map<String, String> headers) {

    BenchConfiguration {
        // sorted so that commands and reports read the same on every run
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    BenchConfiguration(String name, String description, Map<String, String> properties) {
        this(name, description, properties, Map.of());
    }
}
