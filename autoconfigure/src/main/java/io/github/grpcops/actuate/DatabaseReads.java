package io.github.grpcops.actuate;

import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.dao.DataAccessException;

/**
 * Sections that read the database answer even when it does not: a read becomes HTTP 503 with the
 * cause, an overview entry says what is unavailable, so the rest of the overview still shows.
 */
public final class DatabaseReads {

    private DatabaseReads() {
    }

    /** The query's result, or a 503 response naming {@code what} could not be read. */
    public static Object orUnavailable(String what, Supplier<Object> query) {
        try {
            return query.get();
        }
        catch (DataAccessException ex) {
            return GrpcEndpointSection.error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, message(what, ex));
        }
    }

    /** The query's result, or {@code {"unavailable": message}} for an overview entry. */
    public static Object orUnavailableEntry(String what, Supplier<Object> query) {
        try {
            return query.get();
        }
        catch (DataAccessException ex) {
            return new Unavailable(message(what, ex));
        }
    }

    private static String message(String what, DataAccessException ex) {
        return what + " could not be read: " + ex.getMostSpecificCause().getMessage();
    }

    /**
     * An overview entry the database did not answer.
     *
     * @param unavailable what could not be read, and why
     */
    @EndpointView
    public record Unavailable(String unavailable) {
    }
}
