package io.github.grpcops.pipeline;

/**
 * Order of the built-in interceptors: a lower value runs earlier on the way in (outer) and later on
 * the way out.
 *
 * <p>All built-ins but the innermost request guard sit before the server integration's own
 * interceptors, which grpc-spring-boot-starter places with its {@code InterceptorOrder} constants
 * (exception handling 0, metrics 2500, security 5000 to 5200): negative values run outside them, so a
 * {@code @GrpcAdvice} handler sees service exceptions before grpc-ops' error mapping does. The request
 * guard runs at {@code Ordered.LOWEST_PRECEDENCE}, the value of that class's {@code ORDER_LAST}. The
 * numbers are plain {@code Ordered} values, so they mean the same to any integration that sorts
 * interceptors by {@code Ordered}/{@code @Order}. The gaps of 1000 leave room for a custom
 * {@code @GrpcGlobalServerInterceptor} with {@code @Order(PipelineOrder.AUTH + 100)}, say, to run
 * right after authentication. Each built-in can be moved with its
 * {@code grpc.<interceptor>.order} property.
 */
public final class PipelineOrder {

    /**
     * Before everything (fixed): resolves the request id, client IP and call info once per call, so the
     * built-ins find them however they are ordered; see {@link CallFactsServerInterceptor}.
     */
    public static final int CALL_FACTS = Integer.MIN_VALUE;

    /** Outermost of the built-ins: records what the client really received, rejections included. */
    public static final int REQUEST_LOG = -10_000;

    public static final int REQUEST_ID = -9_000;

    /**
     * The call's server span, just inside the request id: outside overload, authentication and rate
     * limiting, so their rejections are traced with the status the client received; outside error mapping,
     * so that status is the mapped one.
     */
    public static final int TRACING = -8_800;

    /** Rejects calls the bounded worker pool has no room for. */
    public static final int OVERLOAD = -8_500;

    public static final int CONSOLE_LOG = -8_000;

    /**
     * Outside authentication and rate limiting, so their rejections are timed and counted like every
     * other call; outside error mapping, so it records the mapped status the client receives.
     */
    public static final int METRICS = -7_000;

    /**
     * Before authentication: refuses calls that present a credential from an address that presented
     * too many bad ones, before any token is parsed or key looked up.
     */
    public static final int BRUTE_FORCE = -6_500;

    public static final int AUTH = -6_000;

    /**
     * Right after authentication: the caller as Spring Security's {@code Authentication} in the
     * {@code SecurityContext} of every callback, for method security on services.
     */
    public static final int SECURITY_CONTEXT = -5_800;

    /** After authentication, so limits can be keyed by principal or API key, not only by IP. */
    public static final int RATE_LIMIT = -5_500;

    public static final int ERROR_MAPPING = -5_000;

    private PipelineOrder() {
    }
}
