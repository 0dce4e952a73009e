package io.github.grpcops.requestlog.actuate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.requestlog.GrpcRequestLog;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import static io.github.grpcops.requestlog.RequestLogColumn.CREATED_AT;
import static io.github.grpcops.requestlog.RequestLogColumn.ID;

/**
 * A place in the request log's order (newest first: {@code created_at}, then {@code id}), written as
 * {@code <createdAt>,<id>} such as {@code 2026-11-30T17:25:55.123456Z,019ad5e3-...}: the
 * {@code older} and {@code newer} of a {@code /requests} page, passed back as {@code before} or
 * {@code after}. Keyset paging: the next page starts at the cursor in the {@code created_at} index
 * however deep it is, where an offset reads every row it skips.
 *
 * @param createdAt the row's start
 * @param id the row's id, ordering rows that started in the same microsecond
 */
record RequestLogCursor(Instant createdAt, UUID id) {

    static RequestLogCursor of(GrpcRequestLog row) {
        return new RequestLogCursor(row.getCreatedAt(), row.getId());
    }

    /** The cursor in parameter {@code name}, or {@code null} when absent. */
    static RequestLogCursor parse(EndpointParameters parameters, String name) {
        String value = parameters.string(name);
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        try {
            if (comma > 0) {
                return new RequestLogCursor(Instant.parse(value.substring(0, comma)),
                        UUID.fromString(value.substring(comma + 1)));
            }
        }
        catch (DateTimeParseException | IllegalArgumentException ex) {
            // reported below
        }
        throw EndpointParameters.invalid(name, "must be the 'older' or 'newer' value of a /requests page "
                + "(<createdAt>,<id> such as 2026-01-31T12:00:00.123456Z,019ad5e3-6c1d-7a3e-9b1f-0c2d3e4f5a6b); "
                + "start again without it for the newest calls");
    }

    /**
     * Rows after this place in the newest-first order ({@code older}) or before it. The redundant
     * bound on {@code created_at} alone is what lets the database start its index scan at the
     * cursor: the exact condition is an {@code or}, which an index cannot seek to.
     */
    Predicate predicate(Root<GrpcRequestLog> root, CriteriaBuilder cb, boolean older) {
        Path<Instant> createdAt = root.get(CREATED_AT.property());
        Path<UUID> id = root.get(ID.property());
        if (older) {
            return cb.and(cb.lessThanOrEqualTo(createdAt, this.createdAt), cb.or(cb.lessThan(createdAt, this.createdAt),
                    cb.lessThan(id, this.id)));
        }
        return cb.and(cb.greaterThanOrEqualTo(createdAt, this.createdAt),
                cb.or(cb.greaterThan(createdAt, this.createdAt), cb.greaterThan(id, this.id)));
    }

    @Override
    public String toString() {
        return this.createdAt + "," + this.id;
    }
}
