package io.github.grpcops.client;

import io.grpc.Context;

/** Stands in for grpc-ops' server side: the id of the "call being served" is whatever {@link #SERVED} holds. */
public class TestRequestIdSource implements RequestIdSource {

    static final Context.Key<String> SERVED = Context.key("test-served-request-id");

    @Override
    public String current() {
        return SERVED.get();
    }
}
