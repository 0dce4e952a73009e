package io.github.grpcops.errors;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

import com.google.protobuf.util.Durations;
import com.google.rpc.RetryInfo;
import io.grpc.Status;

/**
 * A database that cannot be reached, as the client should see it: {@code UNAVAILABLE}, the code retry
 * policies retry, with a {@code google.rpc.RetryInfo} ({@code grpc.errors.unavailable-retry-delay}) and
 * reason {@value #REASON}. This mapper reads JDBC exceptions anywhere in the cause chain, so an outage is
 * recognised under whatever wraps it (Spring's {@code JpaSystemException}, a JPA
 * {@code PersistenceException}): the connection exceptions of {@code java.sql}, and any
 * {@link SQLException} whose SQLState is of class 08 (connection exception) or says the server is shutting
 * down or starting ({@code 57P01} to {@code 57P03}). Spring's own outage exceptions are in the Spring
 * Data table with the same error.
 */
public class DatabaseUnavailableMapper implements GrpcExceptionMapper {

    /** The {@code ErrorInfo} reason of a database outage. */
    public static final String REASON = "DATABASE_UNAVAILABLE";

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private final GrpcError error;

    public DatabaseUnavailableMapper(Duration retryDelay) {
        this.error = error(retryDelay);
    }

    /** The error for a database outage: generic message, reason {@value #REASON}, a {@code RetryInfo}. */
    public static GrpcError error(Duration retryDelay) {
        return GrpcError.of(Status.Code.UNAVAILABLE, GrpcError.genericMessage(Status.Code.UNAVAILABLE), REASON)
            .withDetail(RetryInfo.newBuilder().setRetryDelay(Durations.fromMillis(retryDelay.toMillis())).build());
    }

    @Override
    public GrpcError map(Throwable exception) {
        return isOutage(exception) ? this.error : null;
    }

    static boolean isOutage(Throwable exception) {
        if (exception instanceof SQLTransientConnectionException || exception instanceof SQLNonTransientConnectionException
                || exception instanceof SQLRecoverableException) {
            return true;
        }
        if (exception instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || SERVER_GOING_AWAY.contains(state);
        }
        return false;
    }

    /** After the libraries' tables: their rules name the exception at the same level of the chain first. */
    @Override
    public int getOrder() {
        return BUILT_IN_ORDER + 50;
    }
}
