package io.github.grpcops.requestlog.actuate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.grpcops.actuate.EndpointView;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.InFlightCalls.InFlightCall;
import io.github.grpcops.requestlog.RequestLogStatistics.Aggregates;
import io.github.grpcops.requestlog.RequestLogStatistics.MethodStatistics;
import io.github.grpcops.requestlog.RequestLogStatistics.ServiceStatistics;
import io.github.grpcops.requestlog.RequestLogStatistics.TimelineBucket;
import io.github.grpcops.requestlog.RequestLogWriterCounts;

/**
 * The JSON shapes of the request log in {@code /actuator/grpc}, as documented in
 * {@code docs/monitoring.md}. Captured payloads appear only in {@link CallDetail}; no shape holds
 * request metadata (credentials travel there).
 */
final class RequestLogViews {

    /** What a section names when the database does not answer. */
    static final String TABLE = "The request log table";

    /** What the statistics name when the database does not answer: they read the rollups. */
    static final String STATISTICS = "The request statistics table";

    private RequestLogViews() {
    }

    /**
     * Counts by status and latency; latency figures are {@code null} without calls.
     *
     * @param total calls
     * @param success calls that ended OK
     * @param error calls that ended with an error status
     * @param cancelled calls the client cancelled
     * @param timeout calls whose deadline passed
     * @param successRate {@code success / total}, {@code null} without calls
     * @param avgMs mean duration
     * @param p50Ms median duration
     * @param p95Ms 95th percentile duration
     * @param p99Ms 99th percentile duration
     * @param maxMs longest duration
     */
    @EndpointView
    record Figures(long total, long success, long error, long cancelled, long timeout, Double successRate,
            Double avgMs, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {

        static Figures of(Aggregates all) {
            return new Figures(all.calls(), all.byStatus().get("success"), all.byStatus().get("error"),
                    all.byStatus().get("cancelled"), all.byStatus().get("timeout"), all.successRate(),
                    all.averageMs(), all.p50Ms(), all.p95Ms(), all.p99Ms(), all.maxMs());
        }
    }

    /**
     * The {@code requests} entry of the overview.
     *
     * @param hours the window of the figures
     * @param statistics the {@link Figures} of the window, or what could not be read
     * @param writer this instance's writer
     */
    @EndpointView
    record RequestsOverview(int hours, Object statistics, Writer writer) {
    }

    /**
     * What the writer did with the rows: queued, written, dropped (with the reasons).
     *
     * @param queued accepted and not yet written
     * @param written inserted
     * @param dropped all dropped rows
     * @param droppedQueueFull refused because the queue was full
     * @param droppedRejected refused by the database
     * @param droppedAtShutdown left unwritten at shutdown
     * @param failedBatches batch inserts retried or split
     */
    @EndpointView
    record Writer(long queued, long written, long dropped, long droppedQueueFull, long droppedRejected,
            long droppedAtShutdown, long failedBatches) {

        static Writer of(RequestLogWriterCounts counts) {
            return new Writer(counts.queued(), counts.written(), counts.dropped(), counts.droppedQueueFull(),
                    counts.droppedRejected(), counts.droppedAtShutdown(), counts.failedBatches());
        }
    }

    /**
     * A page of {@code /requests}, newest first. The total counts at most
     * {@value RequestLogQuery#REACH} matches (an exact count reads every one): {@code totalExact} is
     * {@code false} when more match, and {@code total} is then that bound ("more than 10,000").
     *
     * @param page page number from 0 (0 on a page read from a cursor)
     * @param size rows per page
     * @param total rows matching the filters, counted up to {@value RequestLogQuery#REACH}
     * @param totalExact whether {@code total} is every match
     * @param totalPages pages of {@code total}
     * @param older the cursor to pass as {@code before} for the next, older page; {@code null} when no older
     *        call matches
     * @param newer the cursor to pass as {@code after} for the previous, newer page; {@code null} on the
     *        first page
     * @param requests the calls of this page
     */
    @EndpointView
    record RequestsPage(int page, int size, long total, boolean totalExact, int totalPages, String older,
            String newer, List<Call> requests) {
    }

    /**
     * A call as the list shows it: who, what, how it ended, without payloads.
     *
     * @param id row id
     * @param requestId the call's request id
     * @param traceId the W3C trace the call belongs to, when traced
     * @param service {@code package.Service}
     * @param method {@code Method}
     * @param callType the method type name
     * @param status success, error, cancelled or timeout
     * @param grpcStatus the status code name the client received
     * @param durationMs from start to end
     * @param messagesIn request messages
     * @param messagesOut response messages
     * @param clientIp the caller's address
     * @param principalId who called, when authenticated
     * @param principalName their display name
     * @param errorMessage the status description of a failed call
     * @param createdAt when it started
     */
    @EndpointView
    record Call(UUID id, String requestId, String traceId, String service, String method, String callType,
            String status, String grpcStatus, double durationMs, long messagesIn, long messagesOut, String clientIp,
            String principalId, String principalName, String errorMessage, Instant createdAt) {

        static Call of(GrpcRequestLog row) {
            return new Call(row.getId(), row.getRequestId(), row.getTraceId(), row.getService(), row.getMethod(),
                    row.getCallType(), row.getStatus(), row.getGrpcStatus(), row.getDurationMs(), row.getMessagesIn(),
                    row.getMessagesOut(), row.getClientIp(), row.getPrincipalId(), row.getPrincipalName(),
                    row.getErrorMessage(), row.getCreatedAt());
        }
    }

    /**
     * A call in full: every column, captured payloads included.
     *
     * @param call what the list shows
     * @param spanId the span the call ran in: the server's, or without a tracer the caller's
     * @param fullMethod {@code package.Service/Method}
     * @param completedAt when it ended
     * @param bytesIn serialized size of the request messages
     * @param bytesOut serialized size of the response messages
     * @param userAgent the caller's user agent
     * @param peer the remote address as the transport saw it
     * @param authenticated whether a credential was accepted
     * @param authMethod how the caller authenticated
     * @param apiKeyId the id of the API key used
     * @param requestPayload the captured request, when capture applies
     * @param responsePayload the captured response, when capture applies
     * @param sameRequestId row ids of older calls with the same request id; absent when read by row id
     */
    @EndpointView
    record CallDetail(@JsonUnwrapped Call call, String spanId, String fullMethod, Instant completedAt, long bytesIn,
            long bytesOut, String userAgent, String peer, boolean authenticated, String authMethod, String apiKeyId,
            String requestPayload, String responsePayload,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<UUID> sameRequestId) {

        static CallDetail of(GrpcRequestLog row, List<UUID> sameRequestId) {
            return new CallDetail(Call.of(row), row.getSpanId(), row.getFullMethod(), row.getCompletedAt(),
                    row.getBytesIn(), row.getBytesOut(), row.getUserAgent(), row.getPeer(), row.isAuthenticated(),
                    row.getAuthMethod(), row.getApiKeyId(), row.getRequestPayload(), row.getResponsePayload(),
                    sameRequestId);
        }
    }

    /**
     * The {@code inflight} entry of the overview.
     *
     * @param total calls running on this instance now
     */
    @EndpointView
    record InFlightCount(int total) {
    }

    /**
     * {@code /inflight}.
     *
     * @param total calls running on this instance now
     * @param calls those calls, oldest first
     */
    @EndpointView
    record InFlight(int total, List<RunningCall> calls) {
    }

    /**
     * A call running now.
     *
     * @param requestId the call's request id
     * @param fullMethod {@code package.Service/Method}
     * @param callType the method type name
     * @param clientIp the caller's address
     * @param peer the remote address as the transport sees it
     * @param startedAt when it started
     * @param runningMs how long it has been running
     * @param messagesIn request messages so far
     * @param messagesOut response messages so far
     */
    @EndpointView
    record RunningCall(String requestId, String fullMethod, String callType, String clientIp, String peer,
            Instant startedAt, long runningMs, long messagesIn, long messagesOut) {

        static RunningCall of(InFlightCall call) {
            return new RunningCall(call.requestId(), call.fullMethod(), call.callType(), call.clientIp(), call.peer(),
                    call.startedAt(), call.runningFor().toMillis(), call.messagesIn(), call.messagesOut());
        }
    }

    /**
     * A service's figures; in {@code /services} with its methods.
     *
     * @param service {@code package.Service}
     * @param lastCallAt when its newest call started
     * @param figures its calls
     * @param methods per method, busiest first; absent in the overview
     */
    @EndpointView
    record Service(String service, Instant lastCallAt, @JsonUnwrapped Figures figures,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Method> methods) {

        static Service of(ServiceStatistics service, List<MethodStatistics> methods) {
            return new Service(service.service(), service.lastCallAt(), Figures.of(service.all()),
                    (methods != null) ? methods.stream().map(Method::of).toList() : null);
        }
    }

    /**
     * A method's figures.
     *
     * @param method {@code Method}
     * @param lastCallAt when its newest call started
     * @param figures its calls
     */
    @EndpointView
    record Method(String method, Instant lastCallAt, @JsonUnwrapped Figures figures) {

        static Method of(MethodStatistics method) {
            return new Method(method.method(), method.lastCallAt(), Figures.of(method.all()));
        }
    }

    /**
     * {@code /services}.
     *
     * @param hours the window
     * @param services every service with calls in it, busiest first
     */
    @EndpointView
    record Services(int hours, List<Service> services) {
    }

    /**
     * {@code /services/{service}}.
     *
     * @param hours the window
     * @param service the service, with its methods
     */
    @EndpointView
    record OneService(int hours, @JsonUnwrapped Service service) {
    }

    /**
     * {@code /timeline}.
     *
     * @param hours the window
     * @param interval minute, hour or day
     * @param buckets the buckets with calls, oldest first
     */
    @EndpointView
    record Timeline(int hours, String interval, List<Bucket> buckets) {
    }

    /**
     * The calls that started within one bucket.
     *
     * @param start the bucket's start (UTC)
     * @param figures its calls
     */
    @EndpointView
    record Bucket(Instant start, @JsonUnwrapped Figures figures) {

        static Bucket of(TimelineBucket bucket) {
            return new Bucket(bucket.start(), Figures.of(bucket.all()));
        }
    }
}
