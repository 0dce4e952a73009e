package io.github.grpcops.server;

import io.github.grpcops.pipeline.MethodMatcher;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;

import org.springframework.core.Ordered;

/**
 * Ends a call whose request message failed {@link RequestMessageGuard} with the guard's status. It is
 * the innermost interceptor, so every other interceptor sees the call end with that status, and
 * service code never sees the stand-in message: its order is {@link Ordered#LOWEST_PRECEDENCE}, inside
 * the server integration's own interceptors too.
 */
public class RequestGuardServerInterceptor extends PipelineInterceptor {

    public RequestGuardServerInterceptor() {
        super(MethodMatcher.all(), Ordered.LOWEST_PRECEDENCE);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean rejected;

            @Override
            public void onMessage(ReqT message) {
                Status verdict = RequestMessageGuard.takeVerdict(call.getMethodDescriptor(), message);
                if (verdict != null) {
                    this.rejected = true;
                    call.close(verdict, new Metadata());
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
