package io.github.grpcops.actuate;

import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Sections that read the database answer even when it does not: a read becomes HTTP 503 naming what
 * could not be read, an overview entry says what is unavailable, so the rest of the overview still
 * shows. The database's own error text never reaches the response (it can name hosts, users, SQL and
 * values); the application log gets the exception's type at WARN and the whole exception at DEBUG.
 * Both failures of a query ({@link DataAccessException}) and of the transaction around it (a
 * repository's {@code CannotCreateTransactionException} when no connection can be had) count.
 */
public final class DatabaseReads {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReads.class);

    private DatabaseReads() {
    }

    /** The query's result, or a 503 response saying {@code what} could not be read. */
    public static Object orUnavailable(String what, Supplier<Object> query) {
        return attempt(what, "read", query, DatabaseReads::serviceUnavailable);
    }

    /** The change's result, or a 503 response saying {@code what} could not be written. */
    public static Object writeOrUnavailable(String what, Supplier<Object> change) {
        return attempt(what, "written", change, DatabaseReads::serviceUnavailable);
    }

    /** The query's result, or {@code {"unavailable": message}} for an overview entry. */
    public static Object orUnavailableEntry(String what, Supplier<Object> query) {
        return attempt(what, "read", query, Unavailable::new);
    }

    private static Object attempt(String what, String done, Supplier<Object> operation,
            Function<String, Object> onFailure) {
        try {
            return operation.get();
        }
        catch (DataAccessException | TransactionException ex) {
            return onFailure.apply(message(what, done, ex));
        }
    }

    private static Object serviceUnavailable(String message) {
        return GrpcEndpointSection.error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, message);
    }

    private static String message(String what, String done, NestedRuntimeException ex) {
        Throwable cause = ex.getMostSpecificCause();
        log.warn("/actuator/grpc: {} could not be {} ({}; caused by {})", what, done, ex.getClass().getName(),
                cause.getClass().getName());
        log.debug("/actuator/grpc: {} could not be {}", what, done, ex);
        return what + " could not be " + done + " (the database did not answer or failed; the application log "
                + "has the cause)";
    }

    /**
     * An overview entry the database did not answer.
     *
     * @param unavailable what could not be read
     */
    @EndpointView
    public record Unavailable(String unavailable) {
    }
}
