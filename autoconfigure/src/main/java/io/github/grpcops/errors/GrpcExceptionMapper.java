package io.github.grpcops.errors;

import org.springframework.core.Ordered;

/**
 * Turns an exception thrown by service code into the error the client receives. Declare one as a bean
 * to extend the table: mappers are asked in {@link #getOrder() order} (yours default to 0, before
 * every built-in) and the first non-null answer wins; each exception in the cause chain is tried in
 * turn, the outermost first.
 */
@FunctionalInterface
public interface GrpcExceptionMapper extends Ordered {

    /** Order of the built-in mappers: after any user mapper with a default order. */
    int BUILT_IN_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

    /** The error for {@code exception}, or {@code null} when this mapper does not handle it. */
    GrpcError map(Throwable exception);

    @Override
    default int getOrder() {
        return 0;
    }
}
