package io.github.grpcops.pipeline;

import io.grpc.Context;
import io.grpc.Contexts;
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

    /**
     * The context the rest of a matched call runs in: {@link #startObserving}, the inner interceptors,
     * the service and every listener callback. Override to attach values inner interceptors need (the
     * request log attaches {@link CallAttributes}); the default is the current context.
     */
    protected Context callContext(CallInfo call, Metadata headers) {
        return Context.current();
    }

    @Override
    public final <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
            Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        if (!appliesTo(call)) {
            return next.startCall(call, headers);
        }
        CallInfo info = CallInfo.of(call, headers);
        Context context = callContext(info, headers);
        CallObserver observer;
        Context previous = context.attach();
        try {
            observer = startObserving(info, headers);
        }
        finally {
            context.detach(previous);
        }
        ServerCallHandler<ReqT, RespT> observed = (observer != null)
                ? (c, h) -> CallObservation.start(info, observer, c, h, next) : next;
        return (context == Context.current()) ? observed.startCall(call, headers)
                : Contexts.interceptCall(context, call, headers, observed);
    }
}
