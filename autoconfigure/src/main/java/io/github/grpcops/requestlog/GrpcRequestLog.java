package io.github.grpcops.requestlog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One gRPC call as the request log recorded it. Rows are written in JDBC batches by the request-log
 * writer (never through {@code save()}), so the entity is read-only: query it through
 * {@link GrpcRequestLogRepository}. The mapping matches {@link RequestLogColumn} and the schema scripts
 * (a test checks), so a Hibernate-generated table (ddl-auto create) gets the same lengths, nullability
 * and indexes.
 */
@Entity
@Immutable
@Table(name = "grpc_request_log",
        indexes = { @Index(name = "grpc_request_log_created_idx", columnList = "created_at desc"),
                @Index(name = "grpc_request_log_method_idx", columnList = "service, method, created_at"),
                @Index(name = "grpc_request_log_status_idx", columnList = "status, created_at"),
                @Index(name = "grpc_request_log_request_id_idx", columnList = "request_id"),
                @Index(name = "grpc_request_log_trace_id_idx", columnList = "trace_id"),
                @Index(name = "grpc_request_log_principal_id_idx", columnList = "principal_id, created_at"),
                @Index(name = "grpc_request_log_principal_name_idx", columnList = "principal_name, created_at") })
public class GrpcRequestLog {

    @Id
    private UUID id;

    @Column(name = "request_id", length = RequestLogColumn.Length.REQUEST_ID, nullable = false)
    private String requestId;

    @Column(name = "service", length = RequestLogColumn.Length.SERVICE, nullable = false)
    private String service;

    @Column(name = "method", length = RequestLogColumn.Length.METHOD, nullable = false)
    private String method;

    @Column(name = "full_method", length = RequestLogColumn.Length.FULL_METHOD, nullable = false)
    private String fullMethod;

    @Column(name = "call_type", length = RequestLogColumn.Length.CALL_TYPE, nullable = false)
    private String callType;

    @Column(name = "status", length = RequestLogColumn.Length.STATUS, nullable = false)
    private String status;

    @Column(name = "grpc_status", length = RequestLogColumn.Length.GRPC_STATUS, nullable = false)
    private String grpcStatus;

    @Column(name = "duration_ms", nullable = false)
    private double durationMs;

    @Column(name = "messages_in", nullable = false)
    private long messagesIn;

    @Column(name = "bytes_in", nullable = false)
    private long bytesIn;

    @Column(name = "messages_out", nullable = false)
    private long messagesOut;

    @Column(name = "bytes_out", nullable = false)
    private long bytesOut;

    @Column(name = "client_ip", length = RequestLogColumn.Length.CLIENT_IP)
    private String clientIp;

    @Column(name = "user_agent", length = RequestLogColumn.Length.USER_AGENT)
    private String userAgent;

    @Column(name = "peer", length = RequestLogColumn.Length.PEER)
    private String peer;

    @Column(name = "principal_id", length = RequestLogColumn.Length.PRINCIPAL)
    private String principalId;

    @Column(name = "principal_name", length = RequestLogColumn.Length.PRINCIPAL)
    private String principalName;

    @Column(nullable = false)
    private boolean authenticated;

    @Column(name = "auth_method", length = RequestLogColumn.Length.AUTH_METHOD)
    private String authMethod;

    @Column(name = "api_key_id", length = RequestLogColumn.Length.API_KEY_ID)
    private String apiKeyId;

    @Column(name = "error_message", length = RequestLogColumn.Length.ERROR_MESSAGE)
    private String errorMessage;

    @Column(name = "request_payload")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String requestPayload;

    @Column(name = "response_payload")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String responsePayload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "completed_at", nullable = false)
    private Instant completedAt;

    @Column(name = "trace_id", length = RequestLogColumn.Length.TRACE_ID)
    private String traceId;

    @Column(name = "span_id", length = RequestLogColumn.Length.SPAN_ID)
    private String spanId;

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

    /** The W3C trace id of the call, when it was traced (see docs/tracing.md). */
    public String getTraceId() {
        return this.traceId;
    }

    /** The span the call ran in: the server's span, or without a tracer the caller's. */
    public String getSpanId() {
        return this.spanId;
    }
}
