package io.github.grpcops.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only an authenticated caller may call this service (on a class) or method: others get
 * {@code UNAUTHENTICATED} before service code runs. The annotation nearest to the method wins.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GrpcAuthenticated {
}
