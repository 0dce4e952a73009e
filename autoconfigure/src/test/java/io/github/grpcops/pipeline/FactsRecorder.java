package io.github.grpcops.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Records what an interceptor at its position sees of each call: the facts and attributes in its
 * context when the call starts and again when the client half-closes, and the request-id header.
 */
final class FactsRecorder implements ServerInterceptor {

    final List<CallFacts> facts = new CopyOnWriteArrayList<>();

    final List<CallAttributes> attributes = new CopyOnWriteArrayList<>();

    final List<String> headerIds = new CopyOnWriteArrayList<>();

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        record(headers);
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onHalfClose() {
                record(headers);
                super.onHalfClose();
            }
        };
    }

    private void record(Metadata headers) {
        this.facts.add(CallFacts.current());
        this.attributes.add(CallAttributes.current());
        this.headerIds.add(headers.get(RequestIds.HEADER));
    }
}
