package io.github.grpcops.auth;

/**
 * Marks a service whose every method requires an authenticated caller, enforced by the pipeline (the
 * call is rejected with {@code UNAUTHENTICATED} before service code runs), not by per-method code.
 * An annotation on a method or on the class still takes precedence, so one method can be
 * {@link GrpcPublic} or require more.
 */
public interface AuthRequiredService extends BaseGrpcService {
}
