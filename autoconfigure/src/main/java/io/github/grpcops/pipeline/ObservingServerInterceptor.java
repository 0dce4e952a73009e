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
     * Starts observing a matched call. Runs in the call's context, where {@link CallFacts#current()} and
     * {@link CallAttributes#current()} are set.
     * @param call the call's {@link CallFacts#info()}: durations count from its start, shared by every
     *     observing interceptor of the call
     * @return the observer for this call, or {@code null} to let it pass unobserved
     */
    protected abstract CallObserver startObserving(CallInfo call, Metadata headers);

    @Override
    protected final <ReqT, RespT> ServerCall.Listener<ReqT> intercept(ServerCall<ReqT, RespT> call,
            Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        CallFacts facts = CallFacts.current();
        Context context = Context.current();
        if (facts == null) {
            // Used without CallFactsServerInterceptor: resolve here, for this and the interceptors further in.
            facts = CallFacts.resolve(call, headers, ClientIpLookup.PEER);
            context = facts.attachTo(context);
        }
        CallInfo info = facts.info();
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
