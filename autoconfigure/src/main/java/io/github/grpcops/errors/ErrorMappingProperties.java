package io.github.grpcops.errors;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineOrder;
import io.grpc.Status;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mapping of service exceptions to gRPC statuses: {@code grpc.errors.*}.
 */
@ConfigurationProperties("grpc.errors")
public class ErrorMappingProperties extends InterceptorProperties {

    /**
     * Domain reported in the google.rpc.ErrorInfo detail of every error and refusal, error mapping on or off;
     * spring.application.name when unset.
     */
    private String domain;

    /**
     * Whether the message of an IllegalArgumentException thrown by application code is sent to the client as the
     * INVALID_ARGUMENT description; messages written by the JDK (NumberFormatException, UUID.fromString …) never are.
     */
    private boolean exposeInvalidArgumentMessages = true;

    /**
     * Extra mappings from a fully qualified exception class name (it and its subclasses) to a gRPC status
     * code, asked before the built-in ones, e.g. grpc.errors.mappings[com.acme.QuotaExceededException]=RESOURCE_EXHAUSTED.
     */
    private Map<String, Status.Code> mappings = new LinkedHashMap<>();

    /**
     * Delay suggested to clients in the google.rpc.RetryInfo of UNAVAILABLE errors for a database outage
     * (connection failures, Spring's DataAccessResourceFailureException and TransientDataAccessException …).
     */
    private Duration unavailableRetryDelay = Duration.ofSeconds(1);

    public ErrorMappingProperties() {
        super(PipelineOrder.ERROR_MAPPING);
    }

    public String getDomain() {
        return this.domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public boolean isExposeInvalidArgumentMessages() {
        return this.exposeInvalidArgumentMessages;
    }

    public void setExposeInvalidArgumentMessages(boolean exposeInvalidArgumentMessages) {
        this.exposeInvalidArgumentMessages = exposeInvalidArgumentMessages;
    }

    public Duration getUnavailableRetryDelay() {
        return this.unavailableRetryDelay;
    }

    public void setUnavailableRetryDelay(Duration unavailableRetryDelay) {
        this.unavailableRetryDelay = unavailableRetryDelay;
    }

    public Map<String, Status.Code> getMappings() {
        return this.mappings;
    }

    public void setMappings(Map<String, Status.Code> mappings) {
        this.mappings = mappings;
    }
}
