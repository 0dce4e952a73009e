package io.github.grpcops.server;

import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.GrpcMethodMatcher;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.Refusal;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

import org.springframework.core.Ordered;

/**
 * Ends a call whose headers failed {@link StreamVerdicts} (an unknown {@code grpc-encoding}, a malformed
 * {@code grpc-timeout}) as it starts, and one whose request message failed {@link RequestMessageGuard}
 * with the guard's refusal, through the {@link CallRefuser}. It is the innermost interceptor, so every
 * other interceptor sees the call end with that status, and service code never sees the stand-in
 * message: its order is {@link Ordered#LOWEST_PRECEDENCE}, inside the server integration's own
 * interceptors too.
 */
public class RequestGuardServerInterceptor extends PipelineInterceptor {

    private final CallRefuser refusals;

    public RequestGuardServerInterceptor(CallRefuser refusals) {
        super(GrpcMethodMatcher.all(), Ordered.LOWEST_PRECEDENCE);
        this.refusals = refusals;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        Refusal headerVerdict = StreamVerdicts.headerVerdict();
        if (headerVerdict != null) {
            return this.refusals.refuse(call, headers, headerVerdict);
        }
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean rejected;

            @Override
            public void onMessage(ReqT message) {
                Refusal verdict = RequestMessageGuard.takeVerdict(call.getMethodDescriptor(), message);
                if (verdict != null) {
                    this.rejected = true;
                    RequestGuardServerInterceptor.this.refusals.close(call, headers, verdict);
                }
                else if (!this.rejected) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                if (!this.rejected) {
                    super.onHalfClose();
                }
            }
        };
    }
}
