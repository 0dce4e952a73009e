package io.github.grpcops.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.MessageLite;
import io.grpc.Context;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one observed call: counts messages and bytes in both directions and reports the end
 * exactly once, whichever comes first of the server's close, the client's cancellation, the deadline,
 * or an exception escaping the service.
 *
 * <p>Each counter has a single writer (request side: the serialized listener callbacks; response
 * side: the service's calls on {@link ServerCall}), so volatile fields are enough.
 */
final class CallObservation {

    private static final Logger log = LoggerFactory.getLogger(CallObservation.class);

    private final CallInfo info;

    private final CallObserver observer;

    /** Cancelled by grpc-java when the client cancels or the deadline passes. */
    private final Context callContext = Context.current();

    private final AtomicBoolean finished = new AtomicBoolean();

    private volatile long messagesIn;

    private volatile long bytesIn;

    private volatile long messagesOut;

    private volatile long bytesOut;

    private CallObservation(CallInfo info, CallObserver observer) {
        this.info = info;
        this.observer = observer;
    }

    static <ReqT, RespT> ServerCall.Listener<ReqT> start(CallInfo info, CallObserver observer,
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        CallObservation observation = new CallObservation(info, observer);
        ServerCall.Listener<ReqT> listener;
        try (CallObserver.Scope scope = observation.enter()) {
            listener = next.startCall(observation.new ObservedCall<>(call), headers);
        }
        catch (RuntimeException | Error ex) {
            observation.failed(ex);
            throw ex;
        }
        return observation.new ObservedListener<>(listener);
    }

    /**
     * The observer's scope for one event; one that fails to open or to close is logged, and the call goes
     * on as if it had none.
     */
    private CallObserver.Scope enter() {
        CallObserver.Scope scope;
        try {
            scope = this.observer.enter();
        }
        catch (RuntimeException ex) {
            log.warn("Call observer {} failed to enter the scope of {}", this.observer.getClass().getName(),
                    this.info.fullMethodName(), ex);
            return CallObserver.Scope.NONE;
        }
        return (scope == CallObserver.Scope.NONE) ? scope : () -> report(scope::close);
    }

    private void finish(CallOutcome.Ending ending, Status status, Metadata trailers) {
        if (!this.finished.compareAndSet(false, true)) {
            return;
        }
        CallOutcome outcome = new CallOutcome(this.info, ending, status, trailers,
                System.nanoTime() - this.info.startNanos(), this.messagesIn, this.bytesIn, this.messagesOut,
                this.bytesOut);
        report(() -> this.observer.onFinish(outcome));
    }

    private void failed(Throwable ex) {
        if (this.callContext.isCancelled()) {
            // e.g. onNext on a call whose deadline passed while the service worked: not a failure.
            cancelled();
            return;
        }
        // grpc-java closes such a call with UNKNOWN and no description: record what the client gets.
        finish(CallOutcome.Ending.FAILED, Status.UNKNOWN.withCause(ex), new Metadata());
    }

    private void closed(Status status, Metadata trailers) {
        if (this.callContext.isCancelled()) {
            // The client is gone: it got CANCELLED or DEADLINE_EXCEEDED, not this status.
            cancelled();
            return;
        }
        finish(CallOutcome.Ending.CLOSED, status, trailers);
    }

    private void cancelled() {
        TransportReport transport = TransportReport.of(this.callContext);
        Status malformed = (transport != null) ? transport.malformedFrame() : null;
        if (malformed != null) {
            finish(CallOutcome.Ending.MALFORMED_FRAME, malformed, new Metadata());
        }
        else if (this.info.deadlineReached()) {
            finish(CallOutcome.Ending.DEADLINE_EXCEEDED, Status.DEADLINE_EXCEEDED, new Metadata());
        }
        else {
            finish(CallOutcome.Ending.CANCELLED, Status.CANCELLED, new Metadata());
        }
    }

    private void report(Runnable event) {
        try {
            event.run();
        }
        catch (RuntimeException ex) {
            log.warn("Call observer {} failed for {}", this.observer.getClass().getName(),
                    this.info.fullMethodName(), ex);
        }
    }

    static long serializedSize(Object message) {
        return (message instanceof MessageLite protobuf) ? protobuf.getSerializedSize() : 0;
    }

    private final class ObservedCall<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {

        ObservedCall(ServerCall<ReqT, RespT> delegate) {
            super(delegate);
        }

        @Override
        public void sendMessage(RespT message) {
            long size = serializedSize(message);
            CallObservation.this.messagesOut++;
            CallObservation.this.bytesOut += size;
            report(() -> CallObservation.this.observer.onMessageOut(message, size));
            super.sendMessage(message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closed(status, trailers);
            super.close(status, trailers);
        }
    }

    private final class ObservedListener<ReqT> extends SimpleForwardingServerCallListener<ReqT> {

        ObservedListener(ServerCall.Listener<ReqT> delegate) {
            super(delegate);
        }

        @Override
        public void onMessage(ReqT message) {
            try (CallObserver.Scope scope = enter()) {
                long size = serializedSize(message);
                CallObservation.this.messagesIn++;
                CallObservation.this.bytesIn += size;
                report(() -> CallObservation.this.observer.onMessageIn(message, size));
                super.onMessage(message);
            }
            catch (RuntimeException | Error ex) {
                failed(ex);
                throw ex;
            }
        }

        @Override
        public void onHalfClose() {
            try (CallObserver.Scope scope = enter()) {
                report(CallObservation.this.observer::onHalfClose);
                super.onHalfClose();
            }
            catch (RuntimeException | Error ex) {
                failed(ex);
                throw ex;
            }
        }

        @Override
        public void onCancel() {
            try (CallObserver.Scope scope = enter()) {
                cancelled();
                super.onCancel();
            }
        }

        @Override
        public void onComplete() {
            try (CallObserver.Scope scope = enter()) {
                // Normally finished already by close(); this covers a close that bypassed the wrapper.
                finish(CallOutcome.Ending.CLOSED, Status.OK, new Metadata());
                super.onComplete();
            }
        }

        @Override
        public void onReady() {
            try (CallObserver.Scope scope = enter()) {
                super.onReady();
            }
            catch (RuntimeException | Error ex) {
                failed(ex);
                throw ex;
            }
        }
    }
}
