package io.github.grpcops.logging;

import java.util.function.Predicate;

/** Walks an exception's cause chain, bounded, so a looping or absurdly deep chain cannot hang a caller. */
public final class Causes {

    private static final int MAX_DEPTH = 16;

    private Causes() {
    }

    /** Whether {@code failure} or one of its first {@value #MAX_DEPTH} causes passes {@code test}. */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (test.test(current)) {
                return true;
            }
            current = (current.getCause() != current) ? current.getCause() : null;
        }
        return false;
    }
}
