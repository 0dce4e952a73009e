package io.github.grpcops.requestlog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One gRPC call as the request log recorded it. Rows are written in JDBC batches by the request-log
 * writer (never through {@code save()}), so the entity is read-only: query it through
 * {@link GrpcRequestLogRepository}. Column lengths are in {@link RequestLogColumns}.
 */
@Entity
@Immutable
@Table(name = "grpc_request_log")
public class GrpcRequestLog {

    @Id
    private UUID id;

    @Column(name = "request_id")
    private String requestId;

    private String service;

    private String method;

    @Column(name = "full_method")
    private String fullMethod;

    @Column(name = "call_type")
    private String callType;

    private String status;

    @Column(name = "grpc_status")
    private String grpcStatus;

    @Column(name = "duration_ms")
    private double durationMs;

    @Column(name = "messages_in")
    private long messagesIn;

    @Column(name = "bytes_in")
    private long bytesIn;

    @Column(name = "messages_out")
    private long messagesOut;

    @Column(name = "bytes_out")
    private long bytesOut;

    @Column(name = "client_ip")
    private String clientIp;

    @Column(name = "user_agent")
    private String userAgent;

    private String peer;

    @Column(name = "principal_id")
    private String principalId;

    @Column(name = "principal_name")
    private String principalName;

    private boolean authenticated;

    @Column(name = "auth_method")
    private String authMethod;

    @Column(name = "api_key_id")
    private String apiKeyId;

    @Column(name = "error_message")
    private String errorMessage;

    @Column(name = "request_payload")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String requestPayload;

    @Column(name = "response_payload")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String responsePayload;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected GrpcRequestLog() {
    }

    public UUID getId() {
        return this.id;
    }

    /** The caller's {@code x-request-id} when it was sane, else the one the server generated. */
    public String getRequestId() {
        return this.requestId;
    }

    public String getService() {
        return this.service;
    }

    public String getMethod() {
        return this.method;
    }

    public String getFullMethod() {
        return this.fullMethod;
    }

    /** {@code UNARY}, {@code CLIENT_STREAMING}, {@code SERVER_STREAMING} or {@code BIDI_STREAMING}. */
    public String getCallType() {
        return this.callType;
    }

    /** {@code success}, {@code error}, {@code cancelled} or {@code timeout}. */
    public String getStatus() {
        return this.status;
    }

    /** The gRPC status code name the client received, e.g. {@code NOT_FOUND}. */
    public String getGrpcStatus() {
        return this.grpcStatus;
    }

    public double getDurationMs() {
        return this.durationMs;
    }

    public long getMessagesIn() {
        return this.messagesIn;
    }

    public long getBytesIn() {
        return this.bytesIn;
    }

    public long getMessagesOut() {
        return this.messagesOut;
    }

    public long getBytesOut() {
        return this.bytesOut;
    }

    public String getClientIp() {
        return this.clientIp;
    }

    public String getUserAgent() {
        return this.userAgent;
    }

    public String getPeer() {
        return this.peer;
    }

    public String getPrincipalId() {
        return this.principalId;
    }

    public String getPrincipalName() {
        return this.principalName;
    }

    public boolean isAuthenticated() {
        return this.authenticated;
    }

    public String getAuthMethod() {
        return this.authMethod;
    }

    public String getApiKeyId() {
        return this.apiKeyId;
    }

    public String getErrorMessage() {
        return this.errorMessage;
    }

    public String getRequestPayload() {
        return this.requestPayload;
    }

    public String getResponsePayload() {
        return this.responsePayload;
    }

    public Instant getCreatedAt() {
        return this.createdAt;
    }

    public Instant getCompletedAt() {
        return this.completedAt;
    }
}
