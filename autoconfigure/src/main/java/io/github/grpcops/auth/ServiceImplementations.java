package io.github.grpcops.auth;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import io.github.grpcops.server.ServiceDiscovery;
import io.grpc.MethodDescriptor;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the class and Java method that implement a gRPC method, so annotations and base classes on
 * service implementations can decide policy. Built once, on the first call, from the service beans
 * the server serves ({@link ServiceDiscovery}; the set of services is fixed once the server runs).
 */
public class ServiceImplementations {

    private final ServiceDiscovery discovery;

    private volatile Map<String, Class<?>> classes;

    public ServiceImplementations(ServiceDiscovery discovery) {
        this.discovery = discovery;
    }

    /** The implementation class of the method's service, or {@code null} when it is not a bean of ours. */
    public Class<?> implementationOf(MethodDescriptor<?, ?> method) {
        return classes().get(method.getServiceName());
    }

    /** The Java method implementing {@code method}, or {@code null} when unknown. */
    public Method javaMethodOf(MethodDescriptor<?, ?> method) {
        Class<?> type = implementationOf(method);
        if (type == null || method.getBareMethodName() == null) {
            return null;
        }
        return ReflectionUtils.findMethod(type, javaName(method.getBareMethodName()), (Class<?>[]) null);
    }

    /** As protoc-gen-grpc-java names it: {@code GetUser} and {@code get_user} both become {@code getUser}. */
    static String javaName(String protoName) {
        StringBuilder name = new StringBuilder();
        for (String part : protoName.split("_")) {
            if (part.isEmpty()) {
                continue;
            }
            name.append(name.isEmpty() ? Character.toLowerCase(part.charAt(0)) : Character.toUpperCase(part.charAt(0)))
                .append(part, 1, part.length());
        }
        return name.toString();
    }

    private Map<String, Class<?>> classes() {
        Map<String, Class<?>> current = this.classes;
        if (current == null) {
            synchronized (this) {
                if (this.classes == null) {
                    this.classes = discover();
                }
                current = this.classes;
            }
        }
        return current;
    }

    private Map<String, Class<?>> discover() {
        Map<String, Class<?>> found = new HashMap<>();
        this.discovery.services()
            .forEach(service -> found.put(service.bindService().getServiceDescriptor().getName(),
                    AopUtils.getTargetClass(service)));
        return Map.copyOf(found);
    }
}
