package io.github.grpcops.pipeline;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

/**
 * Resolves each call's {@link CallFacts} once and runs the rest of the call with them, and an empty
 * {@link CallAttributes} holder, in its context. Always registered, for every method, at
 * {@link PipelineOrder#CALL_FACTS}: outside every other interceptor, whichever built-ins are switched off
 * or moved. Facts an outer interceptor already attached are kept.
 */
public class CallFactsServerInterceptor extends PipelineInterceptor {

    private final ClientIpLookup clientIps;

    /** @param clientIps finds the client's address; grpc-ops' {@code ClientIpResolver} in an application */
    public CallFactsServerInterceptor(ClientIpLookup clientIps) {
        super(GrpcMethodMatcher.all(), PipelineOrder.CALL_FACTS);
        this.clientIps = clientIps;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (CallFacts.current() != null) {
            return next.startCall(call, headers);
        }
        CallFacts facts = CallFacts.resolve(call, headers, this.clientIps);
        return Contexts.interceptCall(facts.attachTo(Context.current()), call, headers, next);
    }
}
