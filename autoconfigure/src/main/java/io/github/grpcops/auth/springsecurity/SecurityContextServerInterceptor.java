package io.github.grpcops.auth.springsecurity;

import java.util.List;
import java.util.function.Supplier;

import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcPrincipal;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Runs {@code startCall} and every listener callback of a call (each message, half-close, cancel,
 * complete, ready) with the caller in Spring Security's {@link SecurityContext}: a
 * {@link GrpcAuthentication} for the {@link GrpcPrincipal} authentication found, Spring's
 * {@link AnonymousAuthenticationToken} for an anonymous call. Method security ({@code @PreAuthorize},
 * {@code @Secured}) on services therefore works for all four call types, as does code reading
 * {@code SecurityContextHolder}. The thread's previous context is restored after each callback: a
 * worker thread goes on to serve other calls. Work a service hands to other threads does not carry it.
 */
public class SecurityContextServerInterceptor extends PipelineInterceptor {

    private static final List<SimpleGrantedAuthority> ANONYMOUS = List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"));

    private final String staffAuthority;

    private final String superuserAuthority;

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    public SecurityContextServerInterceptor(GrpcAuthProperties.SpringSecurity properties) {
        super(properties);
        this.staffAuthority = properties.getStaffAuthority();
        this.superuserAuthority = properties.getSuperuserAuthority();
    }

    @Override
    protected <ReqT, RespT> ServerCall.Listener<ReqT> intercept(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        SecurityContext context = this.holder.createEmptyContext();
        context.setAuthentication(authenticationOf(GrpcPrincipal.current()));
        ServerCall.Listener<ReqT> listener = callIn(context, () -> next.startCall(call, headers));
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(ReqT message) {
                runIn(context, () -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                runIn(context, super::onHalfClose);
            }

            @Override
            public void onCancel() {
                runIn(context, super::onCancel);
            }

            @Override
            public void onComplete() {
                runIn(context, super::onComplete);
            }

            @Override
            public void onReady() {
                runIn(context, super::onReady);
            }
        };
    }

    private Authentication authenticationOf(GrpcPrincipal principal) {
        return (principal != null) ? GrpcAuthentication.of(principal, this.staffAuthority, this.superuserAuthority)
                : new AnonymousAuthenticationToken("grpc-ops", "anonymousUser", ANONYMOUS);
    }

    private void runIn(SecurityContext context, Runnable callback) {
        callIn(context, () -> {
            callback.run();
            return null;
        });
    }

    private <T> T callIn(SecurityContext context, Supplier<T> callback) {
        SecurityContext previous = this.holder.getContext();
        this.holder.setContext(context);
        try {
            return callback.get();
        }
        finally {
            if (previous.getAuthentication() == null) {
                this.holder.clearContext();
            }
            else {
                this.holder.setContext(previous);
            }
        }
    }
}
