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
    INTERNAL_KEY("internal-key");

    private final String wireName;

    AuthenticationMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The name the request log and Actuator use: {@code jwt}, {@code api-key}, {@code internal-key}. */
    public String wireName() {
        return this.wireName;
    }
}
