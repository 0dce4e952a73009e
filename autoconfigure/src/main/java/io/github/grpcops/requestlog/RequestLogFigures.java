package io.github.grpcops.requestlog;

import java.util.Locale;

import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.requestlog.RequestLogColumn.Length;
import io.github.grpcops.requestlog.rollup.CallFigures;

/**
 * What the rollups count of a call the request log sees, a row or a call without one, its names
 * fitted to the request log's columns as its row would have them.
 */
final class RequestLogFigures {

    private RequestLogFigures() {
    }

    /** The figures of a call that has a request-log row. */
    static CallFigures of(RequestLogEntry entry) {
        return new CallFigures(fit(entry.service(), Length.SERVICE), fit(entry.method(), Length.METHOD),
                fit(entry.status(), Length.STATUS), fit(entry.grpcStatus(), Length.GRPC_STATUS), entry.durationMs(),
                entry.messagesIn(), entry.bytesIn(), entry.messagesOut(), entry.bytesOut(), entry.createdAt());
    }

    /** The figures of a finished call that makes no row (sampled out, refused before the service). */
    static CallFigures of(CallOutcome outcome) {
        return new CallFigures(fit(outcome.info().serviceName(), Length.SERVICE),
                fit(outcome.info().methodName(), Length.METHOD),
                fit(outcome.result().name().toLowerCase(Locale.ROOT), Length.STATUS),
                fit(outcome.status().getCode().name(), Length.GRPC_STATUS), outcome.durationMillis(),
                outcome.messagesIn(), outcome.bytesIn(), outcome.messagesOut(), outcome.bytesOut(),
                outcome.info().startedAt());
    }

    /** A missing name stays missing: the rollups count it as "unknown". */
    private static String fit(String value, int length) {
        return (value != null) ? RequestLogColumn.fit(value, length) : null;
    }
}
