package io.github.grpcops.requestlog;

import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.PipelineOrder;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Stands in for authentication, which another capability provides: at the auth position it accepts
 * {@code x-test-user: id/name} (filling {@link CallAttributes}) and rejects {@code x-test-user: reject}
 * with UNAUTHENTICATED, so tests can show what the request log records for both.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestAuthentication {

    static final Metadata.Key<String> USER = Metadata.Key.of("x-test-user", Metadata.ASCII_STRING_MARSHALLER);

    @Bean
    @GrpcGlobalServerInterceptor
    @Order(PipelineOrder.AUTH)
    ServerInterceptor testAuthenticationInterceptor() {
        return new ServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
                    Metadata headers, ServerCallHandler<ReqT, RespT> next) {
                String user = headers.get(USER);
                if ("reject".equals(user)) {
                    call.close(Status.UNAUTHENTICATED.withDescription("test credential rejected"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                CallAttributes attributes = CallAttributes.current();
                if (user != null && attributes != null) {
                    String[] idAndName = user.split("/", 2);
                    attributes.authenticated(idAndName[0], idAndName[1], "api-key", "key-" + idAndName[0]);
                }
                return next.startCall(call, headers);
            }
        };
    }
}
