package io.github.grpcops.client;

import io.grpc.Context;

/** Stands in for grpc-ops' server side: the trace of the "call being served" is whatever {@link #SERVED} holds. */
public class TestTraceParentSource implements TraceParentSource {

    static final Context.Key<String> SERVED = Context.key("test-served-traceparent");

    @Override
    public String current() {
        return SERVED.get();
    }
}
