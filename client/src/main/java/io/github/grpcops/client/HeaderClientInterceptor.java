package io.github.grpcops.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Base of the client interceptors that add one header to every call. A header the call already
 * carries (set explicitly for that call) is left alone, and a {@code null} value adds nothing.
 */
public abstract class HeaderClientInterceptor implements ClientInterceptor {

    private final Metadata.Key<String> header;

    protected HeaderClientInterceptor(Metadata.Key<String> header) {
        this.header = header;
    }

    /** The value for this call, read when the call starts; {@code null} to send none. */
    protected abstract String value();

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
            CallOptions callOptions, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
            @Override
            public void start(Listener<RespT> responseListener, Metadata headers) {
                if (!headers.containsKey(HeaderClientInterceptor.this.header)) {
                    String value = value();
                    if (value != null && !value.isBlank()) {
                        headers.put(HeaderClientInterceptor.this.header, value);
                    }
                }
                super.start(responseListener, headers);
            }
        };
    }
}
