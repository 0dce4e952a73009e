package io.github.grpcops.requestlog.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.grpcops.actuate.EndpointParameters;
import io.github.grpcops.pipeline.CallResult;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.tracing.TraceParent;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

import static io.github.grpcops.requestlog.RequestLogColumn.CREATED_AT;
import static io.github.grpcops.requestlog.RequestLogColumn.ID;
import static io.github.grpcops.requestlog.RequestLogColumn.METHOD;
import static io.github.grpcops.requestlog.RequestLogColumn.PRINCIPAL_ID;
import static io.github.grpcops.requestlog.RequestLogColumn.PRINCIPAL_NAME;
import static io.github.grpcops.requestlog.RequestLogColumn.SERVICE;
import static io.github.grpcops.requestlog.RequestLogColumn.STATUS;
import static io.github.grpcops.requestlog.RequestLogColumn.TRACE_ID;

/**
 * The filters and page of {@code /actuator/grpc/requests}, validated: {@code service}, {@code method}
 * (exact names), {@code status} (success, error, cancelled, timeout), {@code principal} (id or name),
 * {@code traceId} (a W3C trace id: 32 hex digits, any case), {@code since} (ISO-8601 instant), the page
 * as either {@code page} (from 0, with {@code page * size} below {@value #REACH}) or a cursor
 * ({@code before} or {@code after}, see {@link RequestLogCursor}), and {@code size} (at most
 * {@value #MAX_SIZE}). Values reach the database only as bound parameters of a JPA criteria query.
 *
 * @param service exact service name, or {@code null}
 * @param method exact method name, or {@code null}
 * @param status call result, or {@code null}
 * @param principal principal id or name, or {@code null}
 * @param traceId W3C trace id, or {@code null}
 * @param since earliest start, or {@code null}
 * @param page page number from 0; 0 with a cursor
 * @param size rows per page
 * @param before the page holds the rows older than this, or {@code null}
 * @param after the page holds the rows newer than this (the closest ones), or {@code null}
 */
record RequestLogQuery(String service, String method, CallResult status, String principal, String traceId,
        Instant since, int page, int size, RequestLogCursor before, RequestLogCursor after) {

    static final Set<String> PARAMETERS = Set.of("service", "method", "status", "principal", "traceId", "since", "page",
            "size", "before", "after");

    static final int DEFAULT_SIZE = 50;

    static final int MAX_SIZE = 500;

    /**
     * How far {@code page} reaches and how far the total counts: an offset reads every row it skips,
     * and an exact count every match, so both stop here and cursors page on.
     */
    static final int REACH = 10_000;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(CREATED_AT.property()),
            Sort.Order.desc(ID.property()));

    private static final Sort OLDEST_FIRST = NEWEST_FIRST.ascending();

    static RequestLogQuery of(EndpointParameters parameters) {
        int page = parameters.integer("page", 0, 0, REACH - 1);
        int size = parameters.integer("size", DEFAULT_SIZE, 1, MAX_SIZE);
        RequestLogCursor before = RequestLogCursor.parse(parameters, "before");
        RequestLogCursor after = RequestLogCursor.parse(parameters, "after");
        if (before != null && after != null) {
            throw EndpointParameters.invalid("after", "cannot be combined with 'before': pass one cursor");
        }
        if (page > 0 && (before != null || after != null)) {
            throw EndpointParameters.invalid("page", "cannot be combined with a cursor ('before' or 'after'), "
                    + "which pages by itself");
        }
        if ((long) page * size >= REACH) {
            throw EndpointParameters.invalid("page", "must keep page * size below " + REACH + " (an offset reads every "
                    + "row it skips): page on with the 'older' cursor of the last page as 'before', or narrow the "
                    + "calls with 'since' and the filters");
        }
        return new RequestLogQuery(parameters.string("service"), parameters.string("method"),
                parameters.choice("status", CallResult.class), parameters.string("principal"), traceId(parameters),
                parameters.instant("since"), page, size, before, after);
    }

    private static String traceId(EndpointParameters parameters) {
        String traceId = parameters.string("traceId");
        if (traceId == null) {
            return null;
        }
        String lowercase = traceId.toLowerCase(Locale.ROOT);
        if (!TraceParent.isTraceId(lowercase)) {
            throw EndpointParameters.invalid("traceId", "must be a W3C trace id: 32 hexadecimal digits, not all zeros");
        }
        return lowercase;
    }

    /** Whether this page is read from a cursor towards newer calls (oldest first, turned round after). */
    boolean backwards() {
        return this.after != null;
    }

    /** Whether calls newer than this page match too: it starts past the first page. */
    boolean startsPastNewest() {
        return this.page > 0 || this.before != null || this.after != null;
    }

    /** The page in the order it is read: the closest {@code size} rows first, from the cursor on. */
    Pageable pageable() {
        return PageRequest.of(this.page, this.size, backwards() ? OLDEST_FIRST : NEWEST_FIRST);
    }

    /** The filters and the cursor: the rows of this page and beyond. */
    Specification<GrpcRequestLog> pageSpecification() {
        Specification<GrpcRequestLog> filters = specification();
        RequestLogCursor cursor = backwards() ? this.after : this.before;
        if (cursor == null) {
            return filters;
        }
        return filters.and((root, query, cb) -> cursor.predicate(root, cb, !backwards()));
    }

    /** The filters alone: what the total counts. */
    Specification<GrpcRequestLog> specification() {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (this.service != null) {
                predicates.add(cb.equal(root.get(SERVICE.property()), this.service));
            }
            if (this.method != null) {
                predicates.add(cb.equal(root.get(METHOD.property()), this.method));
            }
            if (this.status != null) {
                predicates.add(cb.equal(root.get(STATUS.property()), this.status.name().toLowerCase(Locale.ROOT)));
            }
            if (this.principal != null) {
                predicates.add(cb.or(cb.equal(root.get(PRINCIPAL_ID.property()), this.principal),
                        cb.equal(root.get(PRINCIPAL_NAME.property()), this.principal)));
            }
            if (this.traceId != null) {
                predicates.add(cb.equal(root.get(TRACE_ID.property()), this.traceId));
            }
            if (this.since != null) {
                predicates.add(cb.greaterThanOrEqualTo(root.get(CREATED_AT.property()), this.since));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }
}
