package io.github.grpcops.pipeline;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

/**
 * Base of the built-in interceptors that watch calls: applies the method matcher, then wraps the call
 * and its listener in a {@link CallObservation} that reports every event of any call type to the
 * {@link CallObserver} the subclass returns. Nothing is buffered: each message is counted and passed on.
 */
public abstract class ObservingServerInterceptor extends PipelineInterceptor {

    protected ObservingServerInterceptor(InterceptorProperties properties) {
        super(properties);
    }

    /**
     * Starts observing a matched call.
     * @return the observer for this call, or {@code null} to let it pass unobserved
     */
    protected abstract CallObserver startObserving(CallInfo call, Metadata headers);

    @Override
    public final <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
            Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        if (!appliesTo(call)) {
            return next.startCall(call, headers);
        }
        CallInfo info = CallInfo.of(call, headers);
        CallObserver observer = startObserving(info, headers);
        if (observer == null) {
            return next.startCall(call, headers);
        }
        return CallObservation.start(info, observer, call, headers, next);
    }
}
