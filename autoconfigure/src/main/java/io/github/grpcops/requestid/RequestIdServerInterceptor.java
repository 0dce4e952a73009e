package io.github.grpcops.requestid;

import io.github.grpcops.pipeline.CallFacts;
import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.MdcScope;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.pipeline.ScopedListener;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;

/**
 * Makes every call's request id (resolved once, in its {@link CallFacts}) visible: puts it in the gRPC
 * {@link Context} ({@link GrpcRequestId#current()}), in the logging MDC while each callback of the call
 * runs, and in the response headers (or the trailers of a call that fails before sending headers).
 */
public class RequestIdServerInterceptor extends PipelineInterceptor {

    public RequestIdServerInterceptor(InterceptorProperties properties) {
        super(properties);
    }

    @Override
    protected <ReqT, RespT> ServerCall.Listener<ReqT> intercept(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String id = CallFacts.of(call, headers).requestId();
        Context context = Context.current().withValue(GrpcRequestId.CONTEXT_KEY, id);
        return ScopedListener.startCall(() -> MdcScope.put(GrpcRequestId.MDC_KEY, id), new EchoingCall<>(call, id),
                headers, (echoing, sameHeaders) -> Contexts.interceptCall(context, echoing, sameHeaders, next));
    }

    /** Returns the id to the caller once: in the headers, or in the trailers if no headers went out. */
    private static final class EchoingCall<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {

        private final String id;

        private boolean headersSent;

        EchoingCall(ServerCall<ReqT, RespT> delegate, String id) {
            super(delegate);
            this.id = id;
        }

        @Override
        public void sendHeaders(Metadata headers) {
            headers.discardAll(RequestIds.HEADER);
            headers.put(RequestIds.HEADER, this.id);
            this.headersSent = true;
            super.sendHeaders(headers);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!this.headersSent) {
                trailers.discardAll(RequestIds.HEADER);
                trailers.put(RequestIds.HEADER, this.id);
            }
            super.close(status, trailers);
        }
    }
}
