package io.github.grpcops.ratelimit;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.PipelineOrder;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import org.springframework.core.Ordered;

/**
 * Stands in for authentication in tests: a call with an {@code x-test-principal} (or
 * {@code x-test-api-key}) header counts as authenticated as that principal (or key), recorded in the
 * {@link CallAttributes} the pipeline attached to the call.
 */
class TestPrincipalInterceptor implements ServerInterceptor, Ordered {

    static final Metadata.Key<String> PRINCIPAL = Metadata.Key.of("x-test-principal", Metadata.ASCII_STRING_MARSHALLER);

    static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-test-api-key", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String principal = headers.get(PRINCIPAL);
        String apiKey = headers.get(API_KEY);
        if (principal != null || apiKey != null) {
            CallAttributes.current().authenticated(principal, principal, (apiKey != null) ? "api-key" : "jwt", apiKey);
        }
        return next.startCall(call, headers);
    }

    @Override
    public int getOrder() {
        return PipelineOrder.AUTH;
    }
}
