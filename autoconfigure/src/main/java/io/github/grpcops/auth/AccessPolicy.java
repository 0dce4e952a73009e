package io.github.grpcops.auth;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.grpcops.pipeline.GrpcMethodMatcher;
import io.grpc.MethodDescriptor;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Decides who may call each method, nearest rule first: an annotation on the implementing method,
 * then on its class ({@link GrpcPublic}, {@link GrpcAuthenticated}, {@link RequireStaff},
 * {@link RequireSuperuser}, {@link RequireAuthority}), then {@link AuthRequiredService} as base
 * class, then {@code grpc.auth.public-methods}, then {@code grpc.auth.require-auth}. Rules are
 * computed once per method.
 */
class AccessPolicy {

    private final ServiceImplementations services;

    private final GrpcMethodMatcher publicMethods;

    private final boolean requireAuth;

    private final Map<String, AccessRule> rules = new ConcurrentHashMap<>();

    public AccessPolicy(ServiceImplementations services, GrpcMethodMatcher publicMethods, boolean requireAuth) {
        this.services = services;
        this.publicMethods = publicMethods;
        this.requireAuth = requireAuth;
    }

    public AccessRule ruleFor(MethodDescriptor<?, ?> method) {
        return this.rules.computeIfAbsent(method.getFullMethodName(), name -> resolve(method));
    }

    private AccessRule resolve(MethodDescriptor<?, ?> method) {
        Method javaMethod = this.services.javaMethodOf(method);
        AccessRule rule = (javaMethod != null) ? annotated(javaMethod) : null;
        Class<?> type = this.services.implementationOf(method);
        if (rule == null && type != null) {
            rule = annotated(type);
        }
        if (rule == null && type != null && AuthRequiredService.class.isAssignableFrom(type)) {
            rule = AccessRule.AUTHENTICATED;
        }
        if (rule == null && this.publicMethods.matches(method.getFullMethodName())) {
            rule = AccessRule.ANYONE;
        }
        if (rule == null) {
            rule = this.requireAuth ? AccessRule.AUTHENTICATED : AccessRule.ANYONE;
        }
        return rule;
    }

    /** The rule the annotations on one element declare, or {@code null} when it has none. */
    static AccessRule annotated(AnnotatedElement element) {
        RequireAuthority authority = AnnotatedElementUtils.findMergedAnnotation(element, RequireAuthority.class);
        boolean staff = AnnotatedElementUtils.hasAnnotation(element, RequireStaff.class);
        boolean superuser = AnnotatedElementUtils.hasAnnotation(element, RequireSuperuser.class);
        if (authority != null || staff || superuser) {
            return new AccessRule(true, staff, superuser, (authority != null) ? Set.of(authority.value()) : Set.of());
        }
        if (AnnotatedElementUtils.hasAnnotation(element, GrpcAuthenticated.class)) {
            return AccessRule.AUTHENTICATED;
        }
        if (AnnotatedElementUtils.hasAnnotation(element, GrpcPublic.class)) {
            return AccessRule.ANYONE;
        }
        return null;
    }
}
