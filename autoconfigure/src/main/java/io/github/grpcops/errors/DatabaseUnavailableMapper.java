package io.github.grpcops.errors;

import java.time.Duration;

import com.google.protobuf.util.Durations;
import com.google.rpc.RetryInfo;
import io.github.grpcops.jdbc.ConnectionFailures;
import io.grpc.Status;

/**
 * A database that cannot be reached, as the client should see it: {@code UNAVAILABLE}, the code retry
 * policies retry, with a {@code google.rpc.RetryInfo} ({@code grpc.errors.unavailable-retry-delay}) and
 * reason {@value #REASON}. This mapper answers for the JDBC connection failures of
 * {@link ConnectionFailures} anywhere in the cause chain, so an outage is recognised under whatever wraps
 * it (Spring's {@code JpaSystemException}, a JPA {@code PersistenceException}). Spring's own outage
 * exceptions are in the Spring Data table with the same error.
 */
public class DatabaseUnavailableMapper implements GrpcExceptionMapper {

    /** The {@code ErrorInfo} reason of a database outage. */
    public static final String REASON = "DATABASE_UNAVAILABLE";

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
        return ConnectionFailures.isConnectionFailure(exception) ? this.error : null;
    }

    /** After the libraries' tables: their rules name the exception at the same level of the chain first. */
    @Override
    public int getOrder() {
        return BUILT_IN_ORDER + 50;
    }
}
