package io.github.grpcops.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.BucketConfiguration;
import io.github.grpcops.pipeline.GrpcMethodMatcher;

/**
 * Which limit applies to a method: the first {@code limits} entry whose pattern matches, else the
 * default limit, else none. Resolved once per method and cached (the set of methods is fixed).
 */
final class RateLimitRules {

    private static final Rule NONE = new Rule("none", null, GrpcMethodMatcher.all());

    private final List<Rule> rules;

    private final Map<String, Rule> byMethod = new ConcurrentHashMap<>();

    RateLimitRules(RateLimitProperties properties) {
        List<Rule> all = new ArrayList<>();
        List<RateLimitProperties.MethodLimit> limits = properties.getLimits();
        for (int i = 0; i < limits.size(); i++) {
            RateLimitProperties.MethodLimit limit = limits.get(i);
            if (limit.getMethod() == null || limit.getMethod().isBlank()) {
                throw new IllegalArgumentException("grpc.rate-limit.limits[" + i + "].method must be set");
            }
            all.add(new Rule("limits[" + i + "]", configuration(limit, "grpc.rate-limit.limits[" + i + "]"),
                    GrpcMethodMatcher.of(List.of(limit.getMethod()), List.of())));
        }
        if (properties.getDefaultLimit() != null) {
            all.add(new Rule("default", configuration(properties.getDefaultLimit(), "grpc.rate-limit.default-limit"),
                    GrpcMethodMatcher.all()));
        }
        this.rules = List.copyOf(all);
    }

    private static BucketConfiguration configuration(RateLimitProperties.Limit limit, String name) {
        if (limit.getCapacity() <= 0) {
            throw new IllegalArgumentException(name + ".capacity must be positive, was " + limit.getCapacity());
        }
        if (limit.getPeriod() == null || limit.getPeriod().isNegative() || limit.getPeriod().isZero()) {
            throw new IllegalArgumentException(name + ".period must be positive, was " + limit.getPeriod());
        }
        return BucketConfiguration.builder()
            .addLimit(b -> b.capacity(limit.getCapacity()).refillGreedy(limit.getCapacity(), limit.getPeriod()))
            .build();
    }

    /** The rule for {@code fullMethodName}; its configuration is {@code null} when the method is not limited. */
    Rule ruleFor(String fullMethodName) {
        return this.byMethod.computeIfAbsent(fullMethodName,
                m -> this.rules.stream().filter(r -> r.methods().matches(m)).findFirst().orElse(NONE));
    }

    /**
     * One limit.
     * @param id names the bucket family in keys, so each limit has its own bucket per caller
     * @param configuration the bucket, or {@code null} for no limit
     * @param methods where it applies
     */
    record Rule(String id, BucketConfiguration configuration, GrpcMethodMatcher methods) {
    }
}
