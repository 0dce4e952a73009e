package io.github.grpcops.logging;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A database failure described for the server log without the data it carries. Driver messages quote
 * what they were given: PostgreSQL's {@code BatchUpdateException} holds the whole multi-row insert with
 * every value, a constraint violation's detail line the failing row, a conversion error the value. The
 * description keeps what an operator acts on (the exception types, the SQLState and its class, the
 * vendor error code) and the first line of the driver's message with every quoted span blanked
 * ({@code '…'}) and its length capped; a batch exception is described by the statement error behind it.
 */
public final class DatabaseFailureText {

    static final int MAX_MESSAGE = 200;

    private static final int MAX_CAUSE_DEPTH = 16;

    private static final Pattern QUOTED = Pattern.compile("'[^']*('|$)|\"[^\"]*(\"|$)");

    private static final Map<String, String> STATE_CLASSES = Map.ofEntries(Map.entry("08", "connection exception"),
            Map.entry("0A", "feature not supported"), Map.entry("22", "data exception"),
            Map.entry("23", "integrity constraint violation"), Map.entry("25", "invalid transaction state"),
            Map.entry("28", "invalid authorization"), Map.entry("3D", "invalid catalog"),
            Map.entry("3F", "invalid schema"), Map.entry("40", "transaction rollback"),
            Map.entry("42", "syntax error or access rule violation"), Map.entry("53", "insufficient resources"),
            Map.entry("54", "program limit exceeded"), Map.entry("55", "object not in prerequisite state"),
            Map.entry("57", "operator intervention"), Map.entry("58", "system error"),
            Map.entry("XX", "internal error"));

    private DatabaseFailureText() {
    }

    /**
     * {@code failure} as one line: {@code CannotGetJdbcConnectionException (PSQLException, SQLState 08001
     * connection exception, error code 0): Connection to localhost:5432 refused. …}.
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        SQLException sql = statementError(failure);
        StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
        if (sql != null) {
            text.append(" (");
            if (sql != failure) {
                text.append(sql.getClass().getSimpleName()).append(", ");
            }
            text.append("SQLState ").append(sql.getSQLState());
            String stateClass = stateClass(sql.getSQLState());
            if (stateClass != null) {
                text.append(' ').append(stateClass);
            }
            text.append(", error code ").append(sql.getErrorCode()).append(')');
        }
        Throwable said = (sql != null) ? sql : innermost(failure);
        String message = (said instanceof BatchUpdateException) ? null : sanitise(said.getMessage());
        return (message != null) ? text.append(": ").append(message).toString() : text.toString();
    }

    /** The first line of {@code message}, quoted spans blanked, capped; {@code null} when blank. */
    static String sanitise(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String line = message.strip().lines().findFirst().orElse("");
        String blanked = QUOTED.matcher(line).replaceAll(match -> match.group().startsWith("'") ? "'…'" : "\"…\"");
        return (blanked.length() > MAX_MESSAGE) ? blanked.substring(0, MAX_MESSAGE) + "…" : blanked;
    }

    /**
     * The most specific {@link SQLException} in the cause chain; for a batch, the statement error the
     * driver chained to it (PostgreSQL's {@code getNextException}) when it has one.
     */
    private static SQLException statementError(Throwable failure) {
        SQLException found = null;
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (current instanceof SQLException sql) {
                found = sql;
            }
            current = (current.getCause() != current) ? current.getCause() : null;
        }
        if (found instanceof BatchUpdateException batch && batch.getNextException() != null) {
            return batch.getNextException();
        }
        return found;
    }

    private static Throwable innermost(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current.getCause() != null && current.getCause() != current && depth < MAX_CAUSE_DEPTH;
                depth++) {
            current = current.getCause();
        }
        return current;
    }

    private static String stateClass(String sqlState) {
        return (sqlState != null && sqlState.length() >= 2) ? STATE_CLASSES.get(sqlState.substring(0, 2)) : null;
    }
}
