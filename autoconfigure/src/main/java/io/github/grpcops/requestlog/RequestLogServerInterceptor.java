package io.github.grpcops.requestlog;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.github.grpcops.clientip.ClientIpResolver;
import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.pipeline.CallResult;
import io.github.grpcops.pipeline.ObservingServerInterceptor;
import io.github.grpcops.requestid.RequestIds;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Records every call as one row: outermost in the pipeline, so the row shows what the client really
 * received, authentication failures and rejections included. It attaches {@link CallAttributes} to
 * the call so that authentication, further in, can report who called. The row is handed to the
 * {@link RequestLogWriter} when the call ends; nothing here touches the database.
 */
public class RequestLogServerInterceptor extends ObservingServerInterceptor {

    private final RequestLogProperties properties;

    private final RequestLogWriter writer;

    private final ClientIpResolver clientIps;

    private final InFlightCalls inFlight;

    private final PayloadCapture payloads;

    public RequestLogServerInterceptor(RequestLogProperties properties, RequestLogWriter writer,
            ClientIpResolver clientIps, InFlightCalls inFlight) {
        super(properties);
        this.properties = properties;
        this.writer = writer;
        this.clientIps = clientIps;
        this.inFlight = inFlight;
        this.payloads = new PayloadCapture(properties.getPayloads());
    }

    @Override
    protected Context callContext(CallInfo call, Metadata headers) {
        Context current = Context.current();
        return CallAttributes.currentOrNew(current).in(current);
    }

    @Override
    protected CallObserver startObserving(CallInfo call, Metadata headers) {
        String requestId = RequestIds.resolve(headers);
        String clientIp = this.clientIps.resolve(call.peer(), headers);
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
