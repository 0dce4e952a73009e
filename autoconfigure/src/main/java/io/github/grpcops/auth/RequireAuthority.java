package io.github.grpcops.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only callers holding at least one of these authorities (or superusers) may call this service or
 * method: anonymous callers get {@code UNAUTHENTICATED}, other callers {@code PERMISSION_DENIED}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireAuthority {

    /** Authorities, any one of which suffices. */
    String[] value();
}
