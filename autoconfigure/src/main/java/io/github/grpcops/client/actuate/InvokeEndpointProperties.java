package io.github.grpcops.client.actuate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Actuator invoke operation ({@code POST /actuator/grpc/invoke}) and schema section
 * ({@code GET /actuator/grpc/schema}): {@code grpc.actuator.invoke-*}, {@code grpc.actuator.schema-enabled}.
 */
@ConfigurationProperties("grpc.actuator")
public class InvokeEndpointProperties {

    /** Whether POST /actuator/grpc/invoke may call this server's methods (through the whole pipeline). */
    private boolean invokeEnabled = false;

    /** Whether GET /actuator/grpc/schema describes this server's services from reflection (.proto text, descriptor sets, request templates). */
    private boolean schemaEnabled = true;

    /** Deadline of an invoke call that names none, and the longest one a call may name. */
    private Duration invokeTimeout = Duration.ofSeconds(30);

    /** Most responses an invoke returns from a stream; the call is cancelled after them. */
    private int invokeMaxResponses = 1000;

    public boolean isInvokeEnabled() {
        return this.invokeEnabled;
    }

    public void setInvokeEnabled(boolean invokeEnabled) {
        this.invokeEnabled = invokeEnabled;
    }

    public boolean isSchemaEnabled() {
        return this.schemaEnabled;
    }

    public void setSchemaEnabled(boolean schemaEnabled) {
        this.schemaEnabled = schemaEnabled;
    }

    public Duration getInvokeTimeout() {
        return this.invokeTimeout;
    }

    public void setInvokeTimeout(Duration invokeTimeout) {
        this.invokeTimeout = invokeTimeout;
    }

    public int getInvokeMaxResponses() {
        return this.invokeMaxResponses;
    }

    public void setInvokeMaxResponses(int invokeMaxResponses) {
        this.invokeMaxResponses = invokeMaxResponses;
    }
}
