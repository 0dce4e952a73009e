package io.github.grpcops.consolelog;

import java.util.regex.Pattern;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallFacts;
import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.pipeline.CallResult;
import io.github.grpcops.pipeline.ObservingServerInterceptor;
import io.grpc.Metadata;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs one line when a call starts and one when it ends: method, peer, request id, trace id (when the
 * call is traced), status, duration, messages in and out. Successful calls at {@code success-level} (DEBUG by default, so production
 * logs stay quiet), client faults at WARN, server faults at ERROR, slow calls at WARN at least.
 * Never logs headers or payloads, so no credential can leak through it.
 */
public class ConsoleLogServerInterceptor extends ObservingServerInterceptor {

    /** Status descriptions are set by service code; keep a runaway one from flooding the log. */
    static final int MAX_DESCRIPTION_LENGTH = 200;

    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    private static final Logger log = LoggerFactory.getLogger("io.github.grpcops.calls");

    private final ConsoleLogProperties properties;

    public ConsoleLogServerInterceptor(ConsoleLogProperties properties) {
        super(properties);
        this.properties = properties;
    }

    @Override
    protected CallObserver startObserving(CallInfo call, Metadata headers) {
        String requestId = CallFacts.current().requestId();
        CallAttributes attributes = CallAttributes.current();
        Level level = this.properties.getSuccessLevel();
        if (log.isEnabledForLevel(level)) {
            log.atLevel(level)
                .log("gRPC call started {} type={} peer={} requestId={}{}", call.fullMethodName(), call.type(),
                        call.peer(), requestId, traceId(attributes));
        }
        return outcome -> logEnd(outcome, requestId, attributes);
    }

    /** The call's trace, when tracing found one: the line joins the trace whatever the log pattern. */
    private static String traceId(CallAttributes attributes) {
        String traceId = (attributes != null) ? attributes.traceId() : null;
        return (traceId != null) ? " traceId=" + traceId : "";
    }

    private void logEnd(CallOutcome outcome, String requestId, CallAttributes attributes) {
        boolean slow = outcome.duration().compareTo(this.properties.getSlowThreshold()) > 0;
        Status status = outcome.status();
        // A malformed frame is the client's doing, whatever code grpc-java gives it.
        Level level = (outcome.ending() == CallOutcome.Ending.MALFORMED_FRAME) ? Level.WARN
                : levelFor(status.getCode(), slow);
        if (!log.isEnabledForLevel(level)) {
            return; // OK calls at DEBUG in production: skip formatting the line nobody writes
        }
        log.atLevel(level)
            .log("gRPC call ended {} status={}{} result={} durationMs={} in={} out={} peer={} requestId={}{}{}",
                    outcome.info().fullMethodName(), status.getCode(), description(status),
                    outcome.result().name().toLowerCase(), String.format("%.3f", outcome.durationMillis()),
                    outcome.messagesIn(), outcome.messagesOut(), outcome.info().peer(), requestId,
                    traceId(attributes), slow ? " SLOW" : "");
    }

    Level levelFor(Status.Code code, boolean slow) {
        if (code == Status.Code.OK) {
            return slow ? higher(this.properties.getSuccessLevel(), Level.WARN) : this.properties.getSuccessLevel();
        }
        return CallResult.isClientFault(code) ? Level.WARN : Level.ERROR;
    }

    private static Level higher(Level a, Level b) {
        return (a.toInt() >= b.toInt()) ? a : b;
    }

    private static String description(Status status) {
        String description = status.getDescription();
        if (description == null) {
            return "";
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            description = description.substring(0, MAX_DESCRIPTION_LENGTH) + "…";
        }
        return " description=\"" + CONTROL_CHARACTERS.matcher(description).replaceAll(" ") + "\"";
    }
}
