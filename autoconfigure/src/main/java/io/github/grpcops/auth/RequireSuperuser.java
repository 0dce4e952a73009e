package io.github.grpcops.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only superusers may call this service or method: anonymous callers get {@code UNAUTHENTICATED},
 * other callers {@code PERMISSION_DENIED}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireSuperuser {
}
