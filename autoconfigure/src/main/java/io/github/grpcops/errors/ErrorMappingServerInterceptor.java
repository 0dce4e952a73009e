package io.github.grpcops.errors;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.grpcops.logging.DatabaseFailureText;
import io.github.grpcops.logging.RepeatedFailureLog;
import io.github.grpcops.pipeline.CallFacts;
import io.github.grpcops.pipeline.CallRefuser.StatusAndTrailers;
import io.github.grpcops.pipeline.CallResult;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Catches what service code throws, in {@code startCall} (where streaming-request services run) and
 * in every listener callback ({@code onMessage}, {@code onHalfClose}, {@code onReady}, and so also
 * while a service streams responses from inside one), for all four call types; maps it through the
 * {@link GrpcErrorMapper} and closes the call once. After a failure the service gets no more
 * request-side callbacks, only {@code onCancel}/{@code onComplete} for its clean-up. Error statuses
 * the service sends itself get an {@code ErrorInfo} detail when they have none.
 *
 * <p>Logs each mapped exception once, with the request id: server faults at ERROR with the stack
 * trace, client faults (not found, invalid argument …) at DEBUG, since they are expected outcomes
 * that the console log already reports per call. {@code UNAVAILABLE} (a database outage, say) repeats
 * for every call while it lasts: logged once a minute with a count, described without a stack trace
 * and without the data a driver's message may quote.
 */
public class ErrorMappingServerInterceptor extends PipelineInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorMappingServerInterceptor.class);

    private final GrpcErrorMapper mapper;

    private final RepeatedFailureLog unavailable = new RepeatedFailureLog(log);

    public ErrorMappingServerInterceptor(ErrorMappingProperties properties, GrpcErrorMapper mapper) {
        super(properties);
        this.mapper = mapper;
    }

    @Override
    protected <ReqT, RespT> ServerCall.Listener<ReqT> intercept(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        GuardedCall<ReqT, RespT> guarded = new GuardedCall<>(call, CallFacts.of(call, headers).requestId());
        try {
            return new GuardedListener<>(next.startCall(guarded, headers), guarded);
        }
        catch (Throwable ex) { // checked ones too: Kotlin and @SneakyThrows code throw them undeclared
            rethrowFatal(ex);
            guarded.fail(ex);
            return new ServerCall.Listener<>() {
            };
        }
    }

    private static void rethrowFatal(Throwable ex) {
        if (ex instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    /** The request id is in the message: the MDC has it only when the request-id interceptor runs. */
    private void log(Throwable ex, GrpcError error, Status status, String requestId, String method) {
        if (status.getCode() == Status.Code.UNAVAILABLE) {
            String failure = DatabaseFailureText.describe(ex);
            this.unavailable.report(Level.ERROR, error.reason() + " " + failure, () -> method + " failed with "
                    + "UNAVAILABLE (" + error.reason() + "): " + failure + " (requestId=" + requestId + ")");
        }
        else if (CallResult.isClientFault(status.getCode())) {
            log.debug("{} failed with {} (requestId={})", method, status.getCode(), requestId, ex);
        }
        else {
            log.error("{} failed with {} (requestId={})", method, status.getCode(), requestId, ex);
        }
    }

    /** The call as the service sees it: remembers whether it was closed, so it is closed once. */
    private final class GuardedCall<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {

        private final String requestId;

        private final AtomicBoolean closed = new AtomicBoolean();

        GuardedCall(ServerCall<ReqT, RespT> delegate, String requestId) {
            super(delegate);
            this.requestId = requestId;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (this.closed.compareAndSet(false, true)) {
                ErrorMappingServerInterceptor.this.mapper.addDetailsIfAbsent(status, trailers, this.requestId);
                super.close(status, trailers);
            }
        }

        void fail(Throwable ex) {
            GrpcErrorMapper mapper = ErrorMappingServerInterceptor.this.mapper;
            GrpcError error = mapper.resolve(ex);
            StatusAndTrailers answer = mapper.toStatus(error, this.requestId);
            String method = getMethodDescriptor().getFullMethodName();
            if (!this.closed.compareAndSet(false, true)) {
                log.debug("{} threw after the call was closed (requestId={})", method, this.requestId, ex);
                return;
            }
            log(ex, error, answer.status(), this.requestId, method);
            try {
                // The cause never reaches the client; it tells the outer interceptors (request log) what was thrown.
                super.close(answer.status().withCause(ex), answer.trailers());
            }
            catch (IllegalStateException alreadyClosed) {
                // Closed under us by the transport (client gone): nothing left to tell.
                log.debug("{} could not be closed after a failure (requestId={})", method, this.requestId);
            }
        }
    }

    /** Runs each request-side callback under the guard; stops forwarding them once the call failed. */
    private static final class GuardedListener<ReqT> extends SimpleForwardingServerCallListener<ReqT> {

        private final GuardedCall<ReqT, ?> call;

        private volatile boolean failed;

        GuardedListener(ServerCall.Listener<ReqT> delegate, GuardedCall<ReqT, ?> call) {
            super(delegate);
            this.call = call;
        }

        private void guard(Runnable callback) {
            if (this.failed) {
                return;
            }
            try {
                callback.run();
            }
            catch (Throwable ex) {
                rethrowFatal(ex);
                this.failed = true;
                this.call.fail(ex);
            }
        }

        @Override
        public void onMessage(ReqT message) {
            guard(() -> super.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            guard(super::onHalfClose);
        }

        @Override
        public void onReady() {
            guard(super::onReady);
        }

        @Override
        public void onCancel() {
            try {
                super.onCancel();
            }
            catch (RuntimeException ex) {
                // The client is gone; there is no one to answer, only a log line to write.
                log.debug("Service threw in onCancel (requestId={})", this.call.requestId, ex);
            }
        }
    }
}
