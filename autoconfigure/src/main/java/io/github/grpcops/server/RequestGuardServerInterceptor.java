package io.github.grpcops.server;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import net.devh.boot.grpc.common.util.InterceptorOrder;

import org.springframework.core.Ordered;

/**
 * Ends a call whose request message failed {@link RequestMessageGuard} with the guard's status. It is
 * the innermost interceptor, so every other interceptor sees the call end with that status, and
 * service code never sees the stand-in message.
 */
public class RequestGuardServerInterceptor implements ServerInterceptor, Ordered {

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

    @Override
    public int getOrder() {
        return InterceptorOrder.ORDER_LAST;
    }
}
