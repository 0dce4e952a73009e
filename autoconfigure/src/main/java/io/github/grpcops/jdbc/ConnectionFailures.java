package io.github.grpcops.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import io.github.grpcops.logging.Causes;

/**
 * Whether a JDBC failure means the database could not be reached (so the same work may succeed later)
 * rather than that it refused what it was sent: the connection exceptions of {@code java.sql}, and any
 * {@link SQLException} whose SQLState is of class 08 (connection exception) or says the server is
 * shutting down or starting ({@code 57P01} to {@code 57P03}, PostgreSQL's, sent to every session when it
 * stops), and HikariCP's {@value #HIKARI_CLOSED} without a SQLState: what a connection the pool already
 * evicted as broken answers, so a transaction whose query hit the outage fails its rollback with it
 * (Spring's {@code JpaSystemException: Unable to rollback against JDBC Connection}, the original
 * failure gone). Error mapping answers such failures {@code UNAVAILABLE}; the request-log writer retries
 * them.
 */
public final class ConnectionFailures {

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    /** The message of every call on a HikariCP connection proxy after the pool closed it. */
    static final String HIKARI_CLOSED = "Connection is closed";

    private ConnectionFailures() {
    }

    /** Whether {@code exception} itself, not its causes, is a connection failure. */
    public static boolean isConnectionFailure(Throwable exception) {
        if (exception instanceof SQLTransientConnectionException
                || exception instanceof SQLNonTransientConnectionException
                || exception instanceof SQLRecoverableException) {
            return true;
        }
        if (!(exception instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        return (state != null) ? state.startsWith("08") || SERVER_GOING_AWAY.contains(state)
                : HIKARI_CLOSED.equals(sql.getMessage());
    }

    /** Whether {@code failure} or one of its causes is a connection failure. */
    public static boolean causedBy(Throwable failure) {
        return Causes.any(failure, ConnectionFailures::isConnectionFailure);
    }
}
