package io.github.grpcops.auth.probe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.PipelineOrder;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;

import org.springframework.core.Ordered;

/**
 * Stands in for the request log: records what the call's {@link CallAttributes} hold when the call
 * closes, as the request log would persist it.
 */
@GrpcGlobalServerInterceptor
public class CallAttributesProbe implements ServerInterceptor, Ordered {

    public record Recorded(String method, Status.Code code, boolean authenticated, String principalId,
            String principalName, String authenticationMethod, String apiKeyId) {
    }

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    public List<Recorded> recorded() {
        return this.recorded;
    }

    @Override
    public int getOrder() {
        return PipelineOrder.REQUEST_LOG;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        CallAttributes attributes = CallAttributes.current();
        ServerCall<ReqT, RespT> recording = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                CallAttributesProbe.this.recorded.add(new Recorded(call.getMethodDescriptor().getFullMethodName(),
                        status.getCode(), attributes.isAuthenticated(), attributes.principalId(),
                        attributes.principalName(), attributes.authenticationMethod(), attributes.apiKeyId()));
                super.close(status, trailers);
            }
        };
        return next.startCall(recording, headers);
    }
}
