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

    private static final Map<String, String> NO_METRICS = Map.of("grpc.metrics.enabled", "false",
            "spring.autoconfigure.exclude", "net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration");

    /**
     * Every built-in interceptor with a switch, off. The bounded worker pool (and its overload check) stays:
     * it is the server's executor. The read-only-services interceptor has no switch; it only acts on
     * {@code ReadOnlyService} beans, which the sample has none of, so it passes every call straight on.
     */
    private static final Map<String, String> NO_INTERCEPTORS = Map.of("grpc.console-log.enabled", "false",
            "grpc.request-id.enabled", "false", "grpc.request-log.enabled", "false", "grpc.auth.enabled", "false",
            "grpc.errors.enabled", "false", "grpc.metrics.enabled", "false", "grpc.rate-limit.enabled", "false",
            "grpc.request-guard.enabled", "false", "grpc.tracing.enabled", "false");

    /** What times a call in net.devh: its metric interceptor, A66 stream tracer and Observation interceptor. */
    private static final String NET_DEVH_METRICS = "net.devh.boot.grpc.server.autoconfigure."
            + "GrpcServerMetricAutoConfiguration,net.devh.boot.grpc.server.autoconfigure."
            + "GrpcServerMicrometerTraceAutoConfiguration";

    /** Everything on that a production server typically runs, callers authenticated by JWT. */
    private static final Map<String, String> FULL = Map.of("grpc.auth.jwt.secret", BenchCredentials.JWT_SECRET,
            "sample.resolve-users", "false", "grpc.rate-limit.enabled", "true",
            "grpc.rate-limit.default-limit.capacity", "1000000000", "grpc.rate-limit.default-limit.period", "1s");

    private static final Map<String, BenchConfiguration> ALL = index(
            new BenchConfiguration("bare",
                    "no grpc-ops interceptors (console log, request id, request log, auth, error mapping, metrics, "
                            + "rate limit, request guard, tracing off); the bounded worker pool stays",
                    NO_INTERCEPTORS),
            new BenchConfiguration("default",
                    "the starter's defaults: console log (OK calls at DEBUG), request id, request log, auth, error "
                            + "mapping, metrics (net.devh's A66 stream tracer and Observation interceptor removed), "
                            + "tracing",
                    Map.of()),
            new BenchConfiguration("console-request-id",
                    "bare with only the console log (OK calls at DEBUG) and the request id on (issue 2's comparison)",
                    without(NO_INTERCEPTORS, "grpc.console-log.enabled", "grpc.request-id.enabled")),
            new BenchConfiguration("request-log-off", "the starter's defaults with the request log off",
                    Map.of("grpc.request-log.enabled", "false")),
            new BenchConfiguration("request-log-sync",
                    "the defaults with the reference request-log writer: one insert per call on the call's thread",
                    Map.of("grpc.request-log.writer.mode", "synchronous-benchmark-reference")),
            new BenchConfiguration("request-log-sampled",
                    "the defaults with every successful call sampled out: no row, counted in the rollups by the call",
                    Map.of("grpc.request-log.success-sample-rate", "0")),
            new BenchConfiguration("request-log-uncapped",
                    "the defaults with no row cap on the in-memory H2: the request log with every index of a "
                            + "database on disk (the in-memory default before issue 11), no cap purge",
                    Map.of("grpc.request-log.in-memory-max-rows", "0")),
            new BenchConfiguration("jwt", "default, every call with an HS256 bearer token (verified-token cache on)",
                    Map.of("grpc.auth.jwt.secret", BenchCredentials.JWT_SECRET, "sample.resolve-users", "false"),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("jwt-nocache", "jwt with the verified-token cache off: every call verifies",
                    Map.of("grpc.auth.jwt.secret", BenchCredentials.JWT_SECRET, "grpc.auth.jwt.cache-size", "0",
                            "sample.resolve-users", "false"),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("jwt-users", "jwt, and the sample's resolver loads the AppUser on every call",
                    Map.of("grpc.auth.jwt.secret", BenchCredentials.JWT_SECRET),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("jwt-rsa", "default, every call with an RS256 bearer token, the key a PEM file "
                    + "(verified-token cache on)",
                    Map.of("grpc.auth.jwt.public-key", BenchJwks.publicKeyResource(), "sample.resolve-users", "false"),
                    Map.of("authorization", "Bearer " + BenchJwks.token())),
            new BenchConfiguration("jwt-jwks", "jwt-rsa with the key from a JWK Set the harness serves "
                    + "(jwk-set-uri, over http on loopback)",
                    Map.of("grpc.auth.jwt.jwk-set-uri", BenchJwks.jwkSetUri(), "grpc.auth.jwt.jwks.allow-http", "true",
                            "sample.resolve-users", "false"),
                    Map.of("authorization", "Bearer " + BenchJwks.token())),
            new BenchConfiguration("jwt-rsa-nocache", "jwt-rsa with the verified-token cache off: every call verifies",
                    Map.of("grpc.auth.jwt.public-key", BenchJwks.publicKeyResource(), "grpc.auth.jwt.cache-size", "0",
                            "sample.resolve-users", "false"),
                    Map.of("authorization", "Bearer " + BenchJwks.token())),
            new BenchConfiguration("jwt-jwks-nocache", "jwt-jwks with the verified-token cache off: every call "
                    + "looks its key up by kid and verifies",
                    Map.of("grpc.auth.jwt.jwk-set-uri", BenchJwks.jwkSetUri(), "grpc.auth.jwt.jwks.allow-http", "true",
                            "grpc.auth.jwt.cache-size", "0", "sample.resolve-users", "false"),
                    Map.of("authorization", "Bearer " + BenchJwks.token())),
            new BenchConfiguration("api-key", "default, every call with an x-api-key (lookup cache on)",
                    Map.of("spring.profiles.active", "dev", "sample.dev.api-key", BenchCredentials.API_KEY,
                            "sample.resolve-users", "false"),
                    Map.of("x-api-key", BenchCredentials.API_KEY)),
            new BenchConfiguration("metrics-off", "defaults without any call metrics: neither grpc-ops' nor net.devh's",
                    NO_METRICS),
            new BenchConfiguration("metrics-on",
                    "defaults with grpc-ops' metrics only (net.devh's A66 tracer off, as in default since issue 13)",
                    Map.of("grpc.metricsA66Enabled", "false")),
            new BenchConfiguration("devh-metrics",
                    "defaults with net.devh's metric interceptor instead of grpc-ops' (A66 tracer off)",
                    Map.of("grpc.metrics.enabled", "false", "grpc.metricsA66Enabled", "false")),
            new BenchConfiguration("request-guard-off",
                    "defaults with the request guard off: no marshaller guard, stream tracer, deferred gzip or "
                            + "unknown-method fallback",
                    Map.of("grpc.request-guard.enabled", "false")),
            new BenchConfiguration("rate-limit",
                    "metrics-off with rate limiting on, in memory, limit never reached (one bucket: all calls from 127.0.0.1)",
                    with(NO_METRICS, "grpc.rate-limit.enabled", "true", "grpc.rate-limit.default-limit.capacity",
                            "1000000000", "grpc.rate-limit.default-limit.period", "1s")),
            new BenchConfiguration("naked",
                    "bare without net.devh's call metrics either (its metric interceptor, A66 stream tracer and "
                            + "Observation interceptor excluded)",
                    with(NO_INTERCEPTORS, "spring.autoconfigure.exclude", NET_DEVH_METRICS)),
            new BenchConfiguration("full",
                    "every call with an HS256 bearer token, rate limiting on (limit never reached), and the defaults: "
                            + "request log, console log, request id, error mapping, metrics, tracing",
                    FULL, Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("full-batch-100",
                    "full with the request log's writer sending batches of 100 rows instead of 500: shorter, more "
                            + "frequent bursts of database work beside the calls",
                    with(FULL, "grpc.request-log.writer.batch-size", "100"),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("full-untraced", "full with grpc-ops' tracing off",
                    with(FULL, "grpc.tracing.enabled", "false"),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("full-no-request-log",
                    "full with the request log off: everything but the rows and their database work",
                    with(FULL, "grpc.request-log.enabled", "false"),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("full-untraced-no-request-log",
                    "full-untraced with the request log off: everything but tracing, the rows and their database work",
                    with(FULL, "grpc.tracing.enabled", "false", "grpc.request-log.enabled", "false"),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("full-unsampled",
                    "full with no trace recorded (sampling probability 0): spans made, ids everywhere, nothing kept",
                    with(FULL, "management.tracing.sampling.probability", "0.0"),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())),
            new BenchConfiguration("full-no-exemplars",
                    "full without Spring Boot's Prometheus exemplars (which look up the current span on every "
                            + "meter update)",
                    with(FULL, "spring.autoconfigure.exclude", "org.springframework.boot.actuate.autoconfigure."
                            + "tracing.prometheus.PrometheusExemplarsAutoConfiguration"),
                    Map.of("authorization", "Bearer " + BenchCredentials.token())));

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

    private static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> all = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            all.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return all;
    }

    private static Map<String, String> without(Map<String, String> base, String... keys) {
        Map<String, String> rest = new LinkedHashMap<>(base);
        for (String key : keys) {
            if (rest.remove(key) == null) {
                throw new IllegalStateException(key + " is not set in the base configuration");
            }
        }
        return rest;
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
