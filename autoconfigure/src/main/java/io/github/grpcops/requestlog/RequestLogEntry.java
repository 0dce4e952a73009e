package io.github.grpcops.requestlog;

import java.time.Instant;
import java.util.UUID;

/**
 * One finished call, as the interceptor hands it to the {@link RequestLogWriter}: immutable, so the
 * call's thread can queue it and return while a writer thread inserts it later. The id is assigned
 * here (not by the database) so rows can be batch-inserted. Strings may be of any length; the writer
 * fits them to their columns.
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
 */
public record RequestLogEntry(UUID id, String requestId, String service, String method, String fullMethod,
        String callType, String status, String grpcStatus, double durationMs, long messagesIn, long bytesIn,
        long messagesOut, long bytesOut, String clientIp, String userAgent, String peer, String principalId,
        String principalName, boolean authenticated, String authMethod, String apiKeyId, String errorMessage,
        String requestPayload, String responsePayload, Instant createdAt, Instant completedAt) {
}
