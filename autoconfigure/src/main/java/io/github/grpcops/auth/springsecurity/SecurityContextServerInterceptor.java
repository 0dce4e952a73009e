package io.github.grpcops.auth.springsecurity;

import java.util.List;

import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcPrincipal;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.ScopedListener;
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
        return ScopedListener.startCall(() -> enter(context), call, headers, next);
    }

    private Authentication authenticationOf(GrpcPrincipal principal) {
        return (principal != null) ? GrpcAuthentication.of(principal, this.staffAuthority, this.superuserAuthority)
                : new AnonymousAuthenticationToken("grpc-ops", "anonymousUser", ANONYMOUS);
    }

    /** Puts the call's context on the thread; closing puts the thread's previous one back. */
    private CallObserver.Scope enter(SecurityContext context) {
        SecurityContext previous = this.holder.getContext();
        this.holder.setContext(context);
        return () -> {
            if (previous.getAuthentication() == null) {
                this.holder.clearContext();
            }
            else {
                this.holder.setContext(previous);
            }
        };
    }
}
