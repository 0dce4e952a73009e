package io.github.grpcops.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The query parameters (or JSON body fields) of one endpoint request that a section declares (see
 * {@link GrpcEndpointSection#parameters}), with validating accessors: a malformed value becomes HTTP
 * 400 with a message that names the parameter and what it accepts, never a 500.
 */
public final class EndpointParameters {

    private final Map<String, Object> values = new HashMap<>();

    private final Set<String> accepted;

    /**
     * The values of {@code given} whose names a section accepts ({@code accepted}); absent values are
     * {@code null} in {@code given} or missing from it.
     */
    public EndpointParameters(Map<String, ?> given, Set<String> accepted) {
        this.accepted = Set.copyOf(accepted);
        given.forEach((name, value) -> {
            if (value != null && this.accepted.contains(name)) {
                this.values.put(name, value);
            }
        });
    }

    /** The trimmed value, or {@code null} when absent or blank. */
    public String string(String name) {
        if (!this.accepted.contains(name)) {
            // A programming error: the endpoint hands a section only what it declares.
            throw new IllegalStateException("Parameter '" + name + "' is read but not declared: add it to the "
                    + "section's GrpcEndpointSection.parameters and to GrpcEndpoint's operation");
        }
        Object value = this.values.get(name);
        return (value == null || value.toString().isBlank()) ? null : value.toString().trim();
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        catch (NumberFormatException ex) {
            // reported below with the accepted range
        }
        throw invalid(name, "must be a whole number from " + min + " to " + max);
    }

    /**
     * An ISO-8601 instant such as {@code 2026-01-31T12:00:00Z} in the range of {@link InstantRange#QUERY}
     * (from 2000-01-01T00:00:00Z to one day from now), or {@code null} when absent.
     */
    public Instant instant(String name) {
        return instant(name, InstantRange.QUERY);
    }

    /** An ISO-8601 instant within {@code range}, or {@code null} when absent. */
    public Instant instant(String name, InstantRange range) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw invalid(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
        if (!range.contains(parsed)) {
            throw invalid(name, "must be " + range.description());
        }
        return parsed;
    }

    /** One of the constants of {@code type}, matched case-insensitively, or {@code null} when absent. */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            String accepted = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
            throw invalid(name, "must be one of " + accepted);
        }
    }

    /**
     * Where an instant parameter may lie: every bound is one that both H2 and PostgreSQL store, so an
     * instant Java parses (up to the year 1,000,000,000) never reaches a database that cannot hold it.
     */
    public enum InstantRange {

        /** Instants a query filters by: from 2000-01-01T00:00:00Z to one day from now (for clock skew). */
        QUERY("between 2000-01-01T00:00:00Z and one day from now") {
            @Override
            Instant latest() {
                return Instant.now().plus(Duration.ofDays(1));
            }
        },

        /** Instants something ends at (an API key's expiry): from 2000-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
        EXPIRY("between 2000-01-01T00:00:00Z and 9999-12-31T23:59:59Z") {
            @Override
            Instant latest() {
                return LAST;
            }
        };

        static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

        private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

        private final String description;

        InstantRange(String description) {
            this.description = description;
        }

        abstract Instant latest();

        boolean contains(Instant instant) {
            return !instant.isBefore(EARLIEST) && !instant.isAfter(latest());
        }

        /** The range as a 400 message names it. */
        public String description() {
            return this.description;
        }
    }

    public static InvalidEndpointRequestException invalid(String name, String problem) {
        String message = "Parameter '" + name + "' " + problem;
        return new InvalidEndpointRequestException(message, message);
    }
}
