package io.github.grpcops.requestid;

import io.grpc.Context;

/**
 * The request id of the call being served, for service code: {@code GrpcRequestId.current()}.
 */
public final class GrpcRequestId {

    static final Context.Key<String> CONTEXT_KEY = Context.key("grpc-ops-request-id");

    /** MDC key under which the id is available to log patterns, e.g. {@code %X{requestId}}. */
    public static final String MDC_KEY = "requestId";

    private GrpcRequestId() {
    }

    /** The current call's request id, or {@code null} outside a call (or with the interceptor off). */
    public static String current() {
        return CONTEXT_KEY.get();
    }
}
