package io.github.grpcops.requestid;

import io.github.grpcops.pipeline.CallFacts;
import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.RequestIds;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.slf4j.MDC;

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
        String previous = MDC.get(GrpcRequestId.MDC_KEY);
        MDC.put(GrpcRequestId.MDC_KEY, id);
        try {
            ServerCall.Listener<ReqT> listener = Contexts.interceptCall(context, new EchoingCall<>(call, id), headers,
                    next);
            return new MdcListener<>(listener, id);
        }
        finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            MDC.remove(GrpcRequestId.MDC_KEY);
        }
        else {
            MDC.put(GrpcRequestId.MDC_KEY, previous);
        }
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

    /** Sets the MDC around each callback: they run on pooled threads that serve other calls too. */
    private static final class MdcListener<ReqT> extends SimpleForwardingServerCallListener<ReqT> {

        private final String id;

        MdcListener(ServerCall.Listener<ReqT> delegate, String id) {
            super(delegate);
            this.id = id;
        }

        private void within(Runnable callback) {
            String previous = MDC.get(GrpcRequestId.MDC_KEY);
            MDC.put(GrpcRequestId.MDC_KEY, this.id);
            try {
                callback.run();
            }
            finally {
                restore(previous);
            }
        }

        @Override
        public void onMessage(ReqT message) {
            within(() -> super.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            within(super::onHalfClose);
        }

        @Override
        public void onCancel() {
            within(super::onCancel);
        }

        @Override
        public void onComplete() {
            within(super::onComplete);
        }

        @Override
        public void onReady() {
            within(super::onReady);
        }
    }
}
