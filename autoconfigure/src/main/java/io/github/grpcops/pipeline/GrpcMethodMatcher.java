package io.github.grpcops.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides whether an interceptor applies to a full method name ({@code package.Service/Method}).
 *
 * <p>Patterns are globs where {@code *} matches any run of characters: {@code pkg.Service/Method},
 * {@code pkg.Service/*}, {@code grpc.health.*}. An empty include list includes every method;
 * exclusions win over inclusions. Results are cached per method: the set of methods is fixed by the
 * registered services, so the cache stays small.
 */
public final class GrpcMethodMatcher {

    private static final GrpcMethodMatcher ALL = new GrpcMethodMatcher(List.of(), List.of());

    private final List<Pattern> includes;

    private final List<Pattern> excludes;

    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();

    private GrpcMethodMatcher(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(GrpcMethodMatcher::compile).toList();
        this.excludes = excludes.stream().map(GrpcMethodMatcher::compile).toList();
    }

    public static GrpcMethodMatcher of(List<String> includes, List<String> excludes) {
        return (includes.isEmpty() && excludes.isEmpty()) ? ALL : new GrpcMethodMatcher(includes, excludes);
    }

    public static GrpcMethodMatcher all() {
        return ALL;
    }

    public boolean matches(String fullMethodName) {
        if (this == ALL) {
            return true;
        }
        return this.cache.computeIfAbsent(fullMethodName, this::evaluate);
    }

    private boolean evaluate(String fullMethodName) {
        boolean included = this.includes.isEmpty()
                || this.includes.stream().anyMatch(p -> p.matcher(fullMethodName).matches());
        return included && this.excludes.stream().noneMatch(p -> p.matcher(fullMethodName).matches());
    }

    static Pattern compile(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("A method pattern must not be blank");
        }
        StringBuilder regex = new StringBuilder();
        for (String part : glob.trim().split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
