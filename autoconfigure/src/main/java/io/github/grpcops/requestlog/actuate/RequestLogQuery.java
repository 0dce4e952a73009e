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
 * {@code traceId} (a W3C trace id: 32 hex digits, any case), {@code since} (ISO-8601 instant), {@code page}
 * (from 0) and {@code size} (at most {@value #MAX_SIZE}). Values reach the database only as bound
 * parameters of a JPA criteria query.
 *
 * @param service exact service name, or {@code null}
 * @param method exact method name, or {@code null}
 * @param status call result, or {@code null}
 * @param principal principal id or name, or {@code null}
 * @param traceId W3C trace id, or {@code null}
 * @param since earliest start, or {@code null}
 * @param page page number from 0
 * @param size rows per page
 */
record RequestLogQuery(String service, String method, CallResult status, String principal, String traceId,
        Instant since, int page, int size) {

    static final Set<String> PARAMETERS = Set.of("service", "method", "status", "principal", "traceId", "since", "page",
            "size");

    static final int DEFAULT_SIZE = 50;

    static final int MAX_SIZE = 500;

    /** Deep pages are slow offsets: narrow the query with {@code since} or a filter instead. */
    static final int MAX_PAGE = 10_000;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(CREATED_AT.property()),
            Sort.Order.desc(ID.property()));

    static RequestLogQuery of(EndpointParameters parameters) {
        return new RequestLogQuery(parameters.string("service"), parameters.string("method"),
                parameters.choice("status", CallResult.class), parameters.string("principal"), traceId(parameters),
                parameters.instant("since"), parameters.integer("page", 0, 0, MAX_PAGE),
                parameters.integer("size", DEFAULT_SIZE, 1, MAX_SIZE));
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

    Pageable pageable() {
        return PageRequest.of(this.page, this.size, NEWEST_FIRST);
    }

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
