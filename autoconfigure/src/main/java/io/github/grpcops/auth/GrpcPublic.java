package io.github.grpcops.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Anyone may call this service (on a class) or method, even when {@code grpc.auth.require-auth} is on.
 * A credential that is presented must still be valid. The annotation nearest to the method wins.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GrpcPublic {
}
