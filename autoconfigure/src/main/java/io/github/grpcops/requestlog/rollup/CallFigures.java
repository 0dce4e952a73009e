package io.github.grpcops.requestlog.rollup;

import java.time.Instant;
import java.util.Locale;

import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.requestlog.RequestLogEntry;

/**
 * What the rollups keep of one call: where it belongs (service, method, status, gRPC code, the
 * minute it started) and its figures.
 *
 * @param service {@code package.Service}
 * @param method {@code Method}
 * @param status {@code success}, {@code error}, {@code cancelled} or {@code timeout}
 * @param grpcStatus the status code name the client received
 * @param durationMs from start to end
 * @param messagesIn request messages received
 * @param bytesIn serialized size of the request messages
 * @param messagesOut response messages sent
 * @param bytesOut serialized size of the response messages
 * @param createdAt when the call started
 */
public record CallFigures(String service, String method, String status, String grpcStatus, double durationMs,
        long messagesIn, long bytesIn, long messagesOut, long bytesOut, Instant createdAt) {

    /** The figures of a call that has a request-log row. */
    public static CallFigures of(RequestLogEntry entry) {
        return new CallFigures(entry.service(), entry.method(), entry.status(), entry.grpcStatus(), entry.durationMs(),
                entry.messagesIn(), entry.bytesIn(), entry.messagesOut(), entry.bytesOut(), entry.createdAt());
    }

    /** The figures of a finished call, as its row would have them. */
    public static CallFigures of(CallOutcome outcome) {
        return new CallFigures(outcome.info().serviceName(), outcome.info().methodName(),
                outcome.result().name().toLowerCase(Locale.ROOT), outcome.status().getCode().name(),
                outcome.durationMillis(), outcome.messagesIn(), outcome.bytesIn(), outcome.messagesOut(),
                outcome.bytesOut(), outcome.info().startedAt());
    }
}
