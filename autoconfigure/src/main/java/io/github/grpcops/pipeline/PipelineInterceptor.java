package io.github.grpcops.pipeline;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import org.springframework.core.Ordered;

/**
 * Base of the built-in interceptors: a position in the pipeline and the methods it applies to, both
 * from {@link InterceptorProperties}. Every bean of this type is registered as a global interceptor
 * by the server adapter, which sorts it by {@link Ordered} together with the application's own.
 * A subclass overrides {@link #intercept} to see only the calls of the methods it applies to, or
 * {@link #interceptCall} to see every call.
 */
public abstract class PipelineInterceptor implements ServerInterceptor, Ordered {

    private final GrpcMethodMatcher methods;

    private final int order;

    protected PipelineInterceptor(InterceptorProperties properties) {
        this(properties.methodMatcher(), properties.getOrder());
    }

    protected PipelineInterceptor(GrpcMethodMatcher methods, int order) {
        this.methods = methods;
        this.order = order;
    }

    /** Intercepts the calls of the methods it applies to; passes the others on untouched. */
    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        return appliesTo(call) ? intercept(call, headers, next) : next.startCall(call, headers);
    }

    /** Intercepts a call of a method it applies to; unless overridden, passes it on. */
    protected <ReqT, RespT> ServerCall.Listener<ReqT> intercept(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        return next.startCall(call, headers);
    }

    protected boolean appliesTo(ServerCall<?, ?> call) {
        return this.methods.matches(call.getMethodDescriptor().getFullMethodName());
    }

    @Override
    public int getOrder() {
        return this.order;
    }
}
