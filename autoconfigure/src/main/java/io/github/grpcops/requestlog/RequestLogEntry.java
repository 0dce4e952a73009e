package io.github.grpcops.requestlog;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.pipeline.TimeOrderedIds;
import io.grpc.Status;

/**
 * One finished call, as the interceptor hands it to the {@link RequestLogWriter}: immutable, so the
 * call's thread can queue it and return while a writer thread inserts it later. One component per
 * {@link RequestLogColumn}, built from the call's facts by {@link #of}. The id is assigned here (not by
 * the database) so rows can be batch-inserted. Strings may be of any length; the writer fits them to
 * their columns.
 *
 * @param id primary key
 * @param requestId the call's request id
 * @param service {@code package.Service}
 * @param method {@code Method}
 * @param fullMethod {@code package.Service/Method}
 * @param callType the gRPC method type name, e.g. {@code UNARY}
 * @param status {@code success}, {@code error}, {@code cancelled} or {@code timeout}
 * @param grpcStatus the status code name the client received
 * @param durationMs from start to end, with sub-millisecond precision
 * @param messagesIn request messages received
 * @param bytesIn serialized size of the request messages
 * @param messagesOut response messages sent
 * @param bytesOut serialized size of the response messages
 * @param clientIp the caller's address, see {@code grpc.client-ip.trusted-proxies}
 * @param userAgent the caller's {@code user-agent}
 * @param peer the remote address as the transport saw it
 * @param principalId who called, when authentication identified them
 * @param principalName their display name
 * @param authenticated whether authentication accepted a credential
 * @param authMethod how they authenticated ({@code jwt}, {@code api-key} …)
 * @param apiKeyId the id (never the secret) of the API key used
 * @param errorMessage the status description the client received, for failed calls
 * @param requestPayload captured request message as JSON, when payload capture applies
 * @param responsePayload captured response message as JSON, when payload capture applies
 * @param createdAt when the call started
 * @param completedAt when it ended
 * @param traceId the W3C trace the call belongs to, when it was traced
 * @param spanId the span it ran in: the server span, or without a tracer the caller's span
 */
public record RequestLogEntry(UUID id, String requestId, String service, String method, String fullMethod,
        String callType, String status, String grpcStatus, double durationMs, long messagesIn, long bytesIn,
        long messagesOut, long bytesOut, String clientIp, String userAgent, String peer, String principalId,
        String principalName, boolean authenticated, String authMethod, String apiKeyId, String errorMessage,
        String requestPayload, String responsePayload, Instant createdAt, Instant completedAt, String traceId,
        String spanId) {

    /**
     * The row of a finished call.
     *
     * @param outcome how the call ended, with what was known at its start
     * @param requestId the call's request id
     * @param clientIp the caller's address
     * @param caller who authentication found calling and the call's trace, or {@code null} when nothing
     *     attached the holder
     * @param requestPayload the captured request as JSON, or {@code null}
     * @param responsePayload the captured response as JSON, or {@code null}
     */
    public static RequestLogEntry of(CallOutcome outcome, String requestId, String clientIp, CallAttributes caller,
            String requestPayload, String responsePayload) {
        CallInfo call = outcome.info();
        CallAttributes who = (caller != null) ? caller : new CallAttributes();
        return new RequestLogEntry(TimeOrderedIds.at(call.startedAt()), requestId, call.serviceName(),
                call.methodName(), call.fullMethodName(), call.type().name(),
                outcome.result().name().toLowerCase(Locale.ROOT), outcome.status().getCode().name(),
                outcome.durationMillis(), outcome.messagesIn(), outcome.bytesIn(), outcome.messagesOut(),
                outcome.bytesOut(), clientIp, call.userAgent(), (call.peer() != null) ? call.peer().toString() : null,
                who.principalId(), who.principalName(), who.isAuthenticated(), who.authenticationMethod(),
                who.apiKeyId(), errorMessage(outcome.status()), requestPayload, responsePayload, call.startedAt(),
                call.startedAt().plusNanos(outcome.durationNanos()), who.traceId(), who.spanId());
    }

    /**
     * The status description the client received, followed by the type of the exception behind it when
     * one was thrown (error mapping keeps it as the status's cause); for an exception nobody mapped, its
     * type only.
     */
    static String errorMessage(Status status) {
        if (status.isOk()) {
            return null;
        }
        // Never the exception's message: it may hold data (or secrets) the client was not shown.
        String thrown = (status.getCause() != null) ? status.getCause().getClass().getName() : null;
        if (status.getDescription() == null) {
            return (thrown != null) ? "unhandled " + thrown : null;
        }
        return (thrown != null) ? status.getDescription() + " [" + thrown + "]" : status.getDescription();
    }
}
