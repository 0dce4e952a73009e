package io.github.grpcops.requestlog;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallFacts;
import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.pipeline.CallResult;
import io.github.grpcops.pipeline.ObservingServerInterceptor;
import io.github.grpcops.pipeline.RequestIds;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Records every call as one row: outermost in the pipeline, so the row shows what the client really
 * received, authentication failures and rejections included. The request id and client IP come from
 * the call's {@link CallFacts}, who called from its {@link CallAttributes} (filled in by
 * authentication, further in) when the call ends. The row is handed to the
 * {@link RequestLogWriter} when the call ends; nothing here touches the database.
 */
public class RequestLogServerInterceptor extends ObservingServerInterceptor {

    private final RequestLogProperties properties;

    private final RequestLogWriter writer;

    private final InFlightCalls inFlight;

    private final PayloadCapture payloads;

    public RequestLogServerInterceptor(RequestLogProperties properties, RequestLogWriter writer,
            InFlightCalls inFlight) {
        super(properties);
        this.properties = properties;
        this.writer = writer;
        this.inFlight = inFlight;
        this.payloads = new PayloadCapture(properties.getPayloads());
    }

    @Override
    protected CallObserver startObserving(CallInfo call, Metadata headers) {
        CallFacts facts = CallFacts.current();
        String requestId = facts.requestId();
        String clientIp = facts.clientIp();
        return new Observer(call, requestId, clientIp, CallAttributes.current(),
                this.inFlight.start(call, requestId, clientIp), this.payloads.appliesTo(call.fullMethodName()));
    }

    private boolean shouldRecord(CallResult result) {
        if (result != CallResult.SUCCESS) {
            return true;
        }
        double rate = this.properties.getSuccessSampleRate();
        return !this.properties.isErrorsOnly() && (rate >= 1.0 || ThreadLocalRandom.current().nextDouble() < rate);
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

    /** One call's observer: counts for the in-flight view, the captured payloads, then the row. */
    private final class Observer implements CallObserver {

        private final CallInfo call;

        private final String requestId;

        private final String clientIp;

        private final CallAttributes attributes;

        private final InFlightCalls.Call running;

        private final boolean capture;

        private volatile Object firstRequest;

        private volatile Object firstResponse;

        Observer(CallInfo call, String requestId, String clientIp, CallAttributes attributes,
                InFlightCalls.Call running, boolean capture) {
            this.call = call;
            this.requestId = requestId;
            this.clientIp = clientIp;
            this.attributes = attributes;
            this.running = running;
            this.capture = capture;
        }

        @Override
        public void onMessageIn(Object message, long serializedSize) {
            this.running.messageIn();
            if (this.capture && this.firstRequest == null) {
                this.firstRequest = message;
            }
        }

        @Override
        public void onMessageOut(Object message, long serializedSize) {
            this.running.messageOut();
            if (this.capture && this.firstResponse == null) {
                this.firstResponse = message;
            }
        }

        @Override
        public void onFinish(CallOutcome outcome) {
            this.running.end();
            CallResult result = outcome.result();
            if (!shouldRecord(result)) {
                return;
            }
            CallInfo info = outcome.info();
            Status status = outcome.status();
            CallAttributes who = this.attributes;
            RequestLogServerInterceptor.this.writer.write(new RequestLogEntry(TimeOrderedIds.at(info.startedAt()), this.requestId,
                    info.serviceName(), info.methodName(), info.fullMethodName(), info.type().name(),
                    result.name().toLowerCase(Locale.ROOT), status.getCode().name(),
                    outcome.durationMillis(), outcome.messagesIn(), outcome.bytesIn(), outcome.messagesOut(),
                    outcome.bytesOut(), this.clientIp, info.userAgent(),
                    (info.peer() != null) ? info.peer().toString() : null, who.principalId(), who.principalName(),
                    who.isAuthenticated(), who.authenticationMethod(), who.apiKeyId(), errorMessage(status),
                    this.capture ? RequestLogServerInterceptor.this.payloads.toJson(this.firstRequest) : null,
                    this.capture ? RequestLogServerInterceptor.this.payloads.toJson(this.firstResponse) : null,
                    info.startedAt(), info.startedAt().plusNanos(outcome.durationNanos())));
        }
    }
}
