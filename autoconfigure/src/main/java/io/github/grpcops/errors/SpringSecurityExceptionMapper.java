package io.github.grpcops.errors;

import io.github.grpcops.pipeline.CallAttributes;
import io.grpc.Status.Code;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Spring Security's refusals, as method security ({@code @PreAuthorize}, {@code @Secured}) throws them
 * from service code: access denied to an authenticated caller is {@code PERMISSION_DENIED}
 * ({@code ACCESS_DENIED}); denied to an anonymous one, {@code UNAUTHENTICATED} ({@code AUTHENTICATION_REQUIRED},
 * as authentication itself answers: signing in may help); an {@link AuthenticationException} is
 * {@code UNAUTHENTICATED}. Messages are generic: the exceptions' own name the expression that failed.
 */
class SpringSecurityExceptionMapper implements GrpcExceptionMapper {

    @Override
    public GrpcError map(Throwable exception) {
        if (exception instanceof AccessDeniedException) {
            CallAttributes caller = CallAttributes.current();
            return (caller != null && !caller.isAuthenticated())
                    ? GrpcError.of(Code.UNAUTHENTICATED, GrpcError.genericMessage(Code.UNAUTHENTICATED),
                            "AUTHENTICATION_REQUIRED")
                    : GrpcError.of(Code.PERMISSION_DENIED, GrpcError.genericMessage(Code.PERMISSION_DENIED),
                            "ACCESS_DENIED");
        }
        if (exception instanceof AuthenticationException) {
            return GrpcError.of(Code.UNAUTHENTICATED, GrpcError.genericMessage(Code.UNAUTHENTICATED), "UNAUTHENTICATED");
        }
        return null;
    }

    @Override
    public int getOrder() {
        return BUILT_IN_ORDER;
    }
}
