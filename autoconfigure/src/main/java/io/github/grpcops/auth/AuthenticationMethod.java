package io.github.grpcops.auth;

/**
 * How a caller proved who it is.
 */
public enum AuthenticationMethod {

    /** A verified JWT bearer token in {@code authorization}. */
    JWT("jwt"),

    /** An API key in {@code x-api-key}. */
    API_KEY("api-key"),

    /** The shared internal key for service-to-service calls. */
    INTERNAL_KEY("internal-key"),

    /** A bearer token the application's Spring Security {@code AuthenticationManager} verified. */
    BEARER_TOKEN("bearer-token"),

    /** A client certificate the TLS handshake verified (mutual TLS). */
    MTLS("mtls");

    private final String wireName;

    AuthenticationMethod(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name the request log and Actuator use: {@code jwt}, {@code api-key}, {@code internal-key},
     * {@code bearer-token}, {@code mtls}.
     */
    public String wireName() {
        return this.wireName;
    }
}
