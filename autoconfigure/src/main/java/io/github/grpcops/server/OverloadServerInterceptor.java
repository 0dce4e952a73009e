package io.github.grpcops.server;

import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.GrpcMethodMatcher;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.Refusal;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;

/**
 * Ends the calls {@link BoundedCallExecutor} had no room for with {@code RESOURCE_EXHAUSTED} (reason
 * {@value #REASON}), after the request log and request id have seen them, so a rejection is logged like
 * any other call. Applies to every method: a rejected call must never reach service code.
 */
public class OverloadServerInterceptor extends PipelineInterceptor {

    static final String REASON = "SERVER_OVERLOADED";

    private final BoundedCallExecutor executor;

    private final CallRefuser refusals;

    public OverloadServerInterceptor(BoundedCallExecutor executor, CallRefuser refusals) {
        super(GrpcMethodMatcher.all(), executor.properties().getOrder());
        this.executor = executor;
        this.refusals = refusals;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (!this.executor.isRejected(headers)) {
            return next.startCall(call, headers);
        }
        headers.discardAll(BoundedCallExecutor.OVERLOAD_HEADER);
        GrpcExecutorProperties limits = this.executor.properties();
        return this.refusals.refuse(call, headers, Refusal.of(Status.Code.RESOURCE_EXHAUSTED,
                "Server is at capacity: all " + limits.getMaxWorkers() + " workers are busy and "
                        + limits.getQueueCapacity()
                        + " tasks are waiting (grpc.executor.max-workers, grpc.executor.queue-capacity); retry later",
                REASON));
    }
}
