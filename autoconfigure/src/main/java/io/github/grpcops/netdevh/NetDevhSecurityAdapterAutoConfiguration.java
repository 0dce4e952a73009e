package io.github.grpcops.netdevh;

import io.github.grpcops.auth.AuthenticationServerInterceptor;
import io.github.grpcops.auth.GrpcAuthAutoConfiguration;
import io.github.grpcops.auth.springsecurity.GrpcSpringSecurityAutoConfiguration;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerSecurityAutoConfiguration;
import net.devh.boot.grpc.server.security.authentication.GrpcAuthenticationReader;
import net.devh.boot.grpc.server.security.interceptors.AuthenticatingServerInterceptor;
import net.devh.boot.grpc.server.security.interceptors.ExceptionTranslatingServerInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationManager;

/**
 * Lets grpc-ops' authentication and net.devh's security auto-configuration live in one application.
 * Once an {@link AuthenticationManager} bean exists (for the application's HTTP side, say), net.devh
 * switches on {@link GrpcServerSecurityAutoConfiguration}, whose authenticating interceptor needs a
 * {@link GrpcAuthenticationReader} and fails start-up without one. While grpc-ops authenticates calls
 * and the application has configured no reader of its own, this supplies net.devh's two interceptors
 * as pass-throughs: grpc-ops authenticates (and puts the caller in the {@code SecurityContext}), and
 * Spring Security's exceptions from service code reach grpc-ops' error mapping, so they get the same
 * status, message and {@code ErrorInfo} with or without an {@code AuthenticationManager}. An application
 * that declares a {@code GrpcAuthenticationReader} chose net.devh's security: then nothing is replaced.
 */
@AutoConfiguration(after = { GrpcAuthAutoConfiguration.class, GrpcSpringSecurityAutoConfiguration.class },
        before = GrpcServerSecurityAutoConfiguration.class)
@ConditionalOnClass({ GrpcServerSecurityAutoConfiguration.class, AuthenticationManager.class })
@ConditionalOnBean({ AuthenticationServerInterceptor.class, AuthenticationManager.class })
@ConditionalOnMissingBean(GrpcAuthenticationReader.class)
public class NetDevhSecurityAdapterAutoConfiguration {

    /** Stands where net.devh's authenticating interceptor would: grpc-ops authenticates. */
    @Bean
    @ConditionalOnMissingBean(AuthenticatingServerInterceptor.class)
    AuthenticatingServerInterceptor grpcOpsAuthenticatesCalls() {
        return new AuthenticatingServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
                    Metadata headers, ServerCallHandler<ReqT, RespT> next) {
                return next.startCall(call, headers);
            }
        };
    }

    /** Leaves Spring Security's exceptions to grpc-ops' error mapping, which runs outside net.devh's interceptors. */
    @Bean
    @ConditionalOnMissingBean(ExceptionTranslatingServerInterceptor.class)
    ExceptionTranslatingServerInterceptor grpcOpsTranslatesSecurityExceptions() {
        return new ExceptionTranslatingServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
                    Metadata headers, ServerCallHandler<ReqT, RespT> next) {
                return next.startCall(call, headers);
            }
        };
    }
}
