package io.github.grpcops.requestlog;

import java.util.concurrent.ThreadLocalRandom;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallFacts;
import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.pipeline.CallResult;
import io.github.grpcops.pipeline.ObservingServerInterceptor;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.grpc.Metadata;

/**
 * Records every call as one row: outermost in the pipeline, so the row shows what the client really
 * received, authentication failures and rejections included. The request id and client IP come from
 * the call's {@link CallFacts}, who called from its {@link CallAttributes} (filled in by
 * authentication, further in) when the call ends. The row is handed to the
 * {@link RequestLogWriter} when the call ends; nothing here touches the database. A call that makes
 * no row (sampled out) is still counted in the rollups.
 */
public class RequestLogServerInterceptor extends ObservingServerInterceptor {

    private final RequestLogProperties properties;

    private final RequestLogWriter writer;

    private final InFlightCalls inFlight;

    private final PayloadCapture payloads;

    private final RequestStatsRecorder stats;

    /**
     * @param stats where the calls that make no row (sampled out) are counted; the writer counts the others
     */
    public RequestLogServerInterceptor(RequestLogProperties properties, RequestLogWriter writer,
            InFlightCalls inFlight, RequestStatsRecorder stats) {
        super(properties);
        this.properties = properties;
        this.writer = writer;
        this.inFlight = inFlight;
        this.stats = stats;
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
            if (!shouldRecord(outcome.result())) {
                RequestLogServerInterceptor.this.stats.record(RequestLogFigures.of(outcome));
                return;
            }
            PayloadCapture payloads = RequestLogServerInterceptor.this.payloads;
            RequestLogServerInterceptor.this.writer.write(RequestLogEntry.of(outcome, this.requestId, this.clientIp,
                    this.attributes, this.capture ? payloads.toJson(this.firstRequest) : null,
                    this.capture ? payloads.toJson(this.firstResponse) : null));
        }
    }
}
