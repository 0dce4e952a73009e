package io.github.grpcops.requestlog;

import org.springframework.data.jpa.domain.Specification;

/**
 * Counts that stop: part of {@link GrpcRequestLogRepository}. An exact {@code count(*)} over a busy
 * log reads every matching index entry (millions a day); a list only needs to know whether there are
 * more than a page can reach.
 */
public interface GrpcRequestLogCounts {

    /**
     * The rows {@code specification} matches, counting no further than {@code limit}: the smaller of
     * the two, read as {@code select count(*) from (select id ... order by created_at desc fetch first
     * limit rows)}, so the database stops after the newest {@code limit} matches. One statement, so
     * no transaction of its own (one would make Spring proxy the implementation class).
     */
    long countUpTo(Specification<GrpcRequestLog> specification, long limit);
}
