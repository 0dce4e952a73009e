package io.github.grpcops.auth.readonly;

import java.sql.SQLException;

/**
 * Marks the thread while a {@link io.github.grpcops.auth.ReadOnlyService} callback runs, so that
 * {@link ReadOnlyStatementInspector} can refuse writes on databases that ignore read-only transactions
 * (H2 does), and recognises a refused write however the database reported it.
 */
final class ReadOnlyCalls {

    /** PostgreSQL's SQLSTATE for a write in a read-only transaction. */
    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private ReadOnlyCalls() {
    }

    public static boolean isActive() {
        return Boolean.TRUE.equals(ACTIVE.get());
    }

    static void enter() {
        ACTIVE.set(Boolean.TRUE);
    }

    static void exit() {
        ACTIVE.remove();
    }

    /** Whether {@code failure} (or a cause) is a write refused because the transaction is read-only. */
    static boolean isRefusedWrite(Throwable failure) {
        for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
            if (t instanceof WriteRefusedException) {
                return true;
            }
            if (t instanceof SQLException sql && READ_ONLY_SQL_TRANSACTION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Thrown instead of running a write statement inside a read-only service call. */
    static final class WriteRefusedException extends RuntimeException {

        WriteRefusedException() {
            super("write statement refused: the call runs in a read-only transaction", null, false, false);
        }
    }
}
