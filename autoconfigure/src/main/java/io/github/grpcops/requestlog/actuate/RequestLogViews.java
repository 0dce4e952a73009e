package io.github.grpcops.requestlog.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.InFlightCalls.InFlightCall;
import io.github.grpcops.requestlog.RequestLogStatistics.Aggregates;
import io.github.grpcops.requestlog.RequestLogWriterCounts;

/**
 * The JSON shapes of the request log in {@code /actuator/grpc}: maps with a stable key order. Captured
 * payloads appear only in {@link #fullCall}; no shape holds request metadata (credentials travel there).
 */
final class RequestLogViews {

    /** What a section names when the database does not answer. */
    static final String TABLE = "The request log table";

    private RequestLogViews() {
    }

    /** Counts by status and latency; latency figures are {@code null} without calls. */
    static Map<String, Object> figures(Aggregates all) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", all.calls());
        all.byStatus().forEach(view::put);
        view.put("successRate", all.successRate());
        view.put("avgMs", all.averageMs());
        view.put("p50Ms", all.p50Ms());
        view.put("p95Ms", all.p95Ms());
        view.put("p99Ms", all.p99Ms());
        view.put("maxMs", all.maxMs());
        return view;
    }

    /** {@code first} entries, then the figures. */
    static Map<String, Object> figures(Map<String, Object> first, Aggregates all) {
        Map<String, Object> view = new LinkedHashMap<>(first);
        view.putAll(figures(all));
        return view;
    }

    /** A call as the list shows it: who, what, how it ended, without payloads. */
    static Map<String, Object> call(GrpcRequestLog row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.getId());
        view.put("requestId", row.getRequestId());
        view.put("service", row.getService());
        view.put("method", row.getMethod());
        view.put("callType", row.getCallType());
        view.put("status", row.getStatus());
        view.put("grpcStatus", row.getGrpcStatus());
        view.put("durationMs", row.getDurationMs());
        view.put("messagesIn", row.getMessagesIn());
        view.put("messagesOut", row.getMessagesOut());
        view.put("clientIp", row.getClientIp());
        view.put("principalId", row.getPrincipalId());
        view.put("principalName", row.getPrincipalName());
        view.put("errorMessage", row.getErrorMessage());
        view.put("createdAt", row.getCreatedAt());
        return view;
    }

    /** A call in full: every column, captured payloads included. */
    static Map<String, Object> fullCall(GrpcRequestLog row) {
        Map<String, Object> view = call(row);
        view.put("fullMethod", row.getFullMethod());
        view.put("completedAt", row.getCompletedAt());
        view.put("bytesIn", row.getBytesIn());
        view.put("bytesOut", row.getBytesOut());
        view.put("userAgent", row.getUserAgent());
        view.put("peer", row.getPeer());
        view.put("authenticated", row.isAuthenticated());
        view.put("authMethod", row.getAuthMethod());
        view.put("apiKeyId", row.getApiKeyId());
        view.put("requestPayload", row.getRequestPayload());
        view.put("responsePayload", row.getResponsePayload());
        return view;
    }

    /** What the writer did with the rows: queued, written, dropped (with the reasons). */
    static Map<String, Object> writer(RequestLogWriterCounts counts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("queued", counts.queued());
        view.put("written", counts.written());
        view.put("dropped", counts.dropped());
        view.put("droppedQueueFull", counts.droppedQueueFull());
        view.put("droppedRejected", counts.droppedRejected());
        view.put("droppedAtShutdown", counts.droppedAtShutdown());
        view.put("failedBatches", counts.failedBatches());
        return view;
    }

    static Map<String, Object> inFlight(InFlightCall call) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("requestId", call.requestId());
        view.put("fullMethod", call.fullMethod());
        view.put("callType", call.callType());
        view.put("clientIp", call.clientIp());
        view.put("peer", call.peer());
        view.put("startedAt", call.startedAt());
        view.put("runningMs", call.runningFor().toMillis());
        view.put("messagesIn", call.messagesIn());
        view.put("messagesOut", call.messagesOut());
        return view;
    }
}
