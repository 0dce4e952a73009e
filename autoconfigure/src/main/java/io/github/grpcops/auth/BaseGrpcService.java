package io.github.grpcops.auth;

import java.util.Optional;
import java.util.Set;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Helpers for service implementations: the current user and quick checks and errors. An interface of
 * default methods rather than a class, because a gRPC service already extends its generated
 * {@code *ImplBase}: {@code class UserService extends UserServiceImplBase implements BaseGrpcService}.
 *
 * <p>The {@code require*} methods throw {@link StatusRuntimeException}; the error helpers return one,
 * to pass to {@code responseObserver.onError(...)}. Declarative rules (annotations,
 * {@link AuthRequiredService}) are enforced by the pipeline before service code runs and need none of this.
 */
public interface BaseGrpcService {

    /** The caller, if the call is authenticated. */
    default Optional<GrpcPrincipal> optionalUser() {
        return Optional.ofNullable(GrpcPrincipal.current());
    }

    /** The caller; {@code UNAUTHENTICATED} when the call is anonymous. */
    default GrpcPrincipal currentUser() {
        return requireUser();
    }

    default GrpcPrincipal requireUser() {
        GrpcPrincipal principal = GrpcPrincipal.current();
        if (principal == null) {
            throw unauthenticated(AuthenticationServerInterceptor.AUTHENTICATION_REQUIRED);
        }
        return principal;
    }

    default GrpcPrincipal requireStaff() {
        return require(new AccessRule(true, true, false, Set.of()));
    }

    default GrpcPrincipal requireSuperuser() {
        return require(new AccessRule(true, false, true, Set.of()));
    }

    /** The caller, if it holds {@code authority} or is a superuser; {@code PERMISSION_DENIED} otherwise. */
    default GrpcPrincipal requireAuthority(String authority) {
        return require(new AccessRule(true, false, false, Set.of(authority)));
    }

    private GrpcPrincipal require(AccessRule rule) {
        GrpcPrincipal principal = requireUser();
        if (!rule.permits(principal)) {
            throw permissionDenied(AuthenticationServerInterceptor.PERMISSION_DENIED);
        }
        return principal;
    }

    default StatusRuntimeException notFound(String message) {
        return Status.NOT_FOUND.withDescription(message).asRuntimeException();
    }

    default StatusRuntimeException invalidArgument(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    default StatusRuntimeException permissionDenied(String message) {
        return Status.PERMISSION_DENIED.withDescription(message).asRuntimeException();
    }

    default StatusRuntimeException unauthenticated(String message) {
        return Status.UNAUTHENTICATED.withDescription(message).asRuntimeException();
    }

    default StatusRuntimeException unimplemented(String message) {
        return Status.UNIMPLEMENTED.withDescription(message).asRuntimeException();
    }
}
