package io.github.grpcops.requestlog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Reads the request log. Rows are written by the request-log writer in JDBC batches, and aggregates
 * come from {@link RequestLogStatistics}; use this for listing and looking up calls (with a
 * {@link org.springframework.data.jpa.domain.Specification} for any combination of filters).
 */
public interface GrpcRequestLogRepository
        extends JpaRepository<GrpcRequestLog, UUID>, JpaSpecificationExecutor<GrpcRequestLog> {

    List<GrpcRequestLog> findByRequestId(String requestId);

    /** Every call with this request id (a client retrying may reuse one), newest first. */
    List<GrpcRequestLog> findByRequestIdOrderByCreatedAtDesc(String requestId);

    Page<GrpcRequestLog> findAllByOrderByCreatedAtDesc(Pageable pageable);

    Page<GrpcRequestLog> findByServiceAndMethodOrderByCreatedAtDesc(String service, String method, Pageable pageable);

    Page<GrpcRequestLog> findByStatusOrderByCreatedAtDesc(String status, Pageable pageable);

    long countByCreatedAtGreaterThanEqual(Instant since);
}
