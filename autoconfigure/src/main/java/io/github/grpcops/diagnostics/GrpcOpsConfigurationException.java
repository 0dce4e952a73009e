package io.github.grpcops.diagnostics;

/**
 * A grpc-ops setting (or missing piece) that cannot work, found at start-up: what is wrong and what to
 * change. However deep in bean creation or property binding it is thrown, Spring Boot reports it as one
 * description and one action ({@link GrpcOpsFailureAnalyzer}). Its texts never hold a secret's value.
 */
public class GrpcOpsConfigurationException extends IllegalStateException {

    private final String property;

    private final String action;

    /**
     * @param property the property to change, or {@code null} when the fix is not a property
     * @param description what is wrong, naming the setting
     * @param action what to change, concretely
     */
    public GrpcOpsConfigurationException(String property, String description, String action) {
        this(property, description, action, null);
    }

    public GrpcOpsConfigurationException(String property, String description, String action, Throwable cause) {
        super(description, cause);
        this.property = property;
        this.action = action;
    }

    /** The property to change, or {@code null}. */
    public String property() {
        return this.property;
    }

    /** What to change. */
    public String action() {
        return this.action;
    }
}
