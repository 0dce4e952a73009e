package io.github.grpcops.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

    Optional<ApiKey> findByHash(String hash);

    List<ApiKey> findAllByOrderByIdDesc();

    List<ApiKey> findByOwnerAndActiveTrue(String owner);

    long countByActiveTrue();

    /** Adds usage counted in memory: one statement per key per flush, never one per call. */
    @Modifying
    @Query("update ApiKey k set k.requestCount = k.requestCount + :count, k.lastUsedAt = case when "
            + "k.lastUsedAt is null or k.lastUsedAt < :lastUsed then :lastUsed else k.lastUsedAt end where k.id = :id")
    int addUsage(@Param("id") long id, @Param("count") long count, @Param("lastUsed") Instant lastUsed);
}
