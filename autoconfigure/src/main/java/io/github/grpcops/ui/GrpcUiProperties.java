package io.github.grpcops.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The web console at {@code /actuator/grpcui/}: {@code grpc.ui.*}. */
@ConfigurationProperties("grpc.ui")
public class GrpcUiProperties {

    /** Whether the web console is served at /actuator/grpcui/ (when the grpcui endpoint is also exposed). */
    private boolean enabled = false;

    /** Whether the console hides its write actions (create and revoke API keys, invoke) whatever Actuator allows. */
    private boolean readOnly = false;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isReadOnly() {
        return this.readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }
}
