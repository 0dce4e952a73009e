package io.github.grpcops.requestlog;

import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;
import org.hibernate.query.criteria.JpaPath;
import org.hibernate.query.criteria.JpaRoot;
import org.hibernate.query.criteria.JpaSubQuery;

import org.springframework.data.jpa.domain.Specification;

import static io.github.grpcops.requestlog.RequestLogColumn.CREATED_AT;
import static io.github.grpcops.requestlog.RequestLogColumn.ID;

/**
 * {@link GrpcRequestLogCounts} with a Hibernate criteria query: JPA's own criteria have no limited
 * subquery in {@code from}. Spring Data finds this class by its name ({@code Impl} after the
 * fragment's) and translates its exceptions as the repository's other methods' ({@code DataAccessException}).
 */
class GrpcRequestLogCountsImpl implements GrpcRequestLogCounts {

    private final EntityManager entityManager;

    GrpcRequestLogCountsImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public long countUpTo(Specification<GrpcRequestLog> specification, long limit) {
        HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) this.entityManager.getCriteriaBuilder();
        JpaCriteriaQuery<Long> count = cb.createQuery(Long.class);
        JpaSubQuery<UUID> matches = count.subquery(UUID.class);
        JpaRoot<GrpcRequestLog> row = matches.from(GrpcRequestLog.class);
        JpaPath<UUID> id = row.get(ID.property());
        // Hibernate requires a subquery in from to name its columns.
        id.alias("id");
        matches.select(id);
        matches.where(specification.toPredicate(row, count, cb));
        // Newest first, as the list: without an order PostgreSQL may count a rare filter's matches with a
        // sequential scan, expecting to meet them early; in this order it walks an index ending in
        // created_at (created_at, status + created_at, service + method + created_at).
        matches.orderBy(cb.desc(row.get(CREATED_AT.property())));
        matches.fetch(limit);
        count.from(matches);
        count.select(cb.count());
        return this.entityManager.createQuery(count).getSingleResult();
    }
}
