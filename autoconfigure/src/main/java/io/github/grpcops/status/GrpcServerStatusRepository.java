package io.github.grpcops.status;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/** The server status rows of every instance sharing the database. */
public interface GrpcServerStatusRepository extends JpaRepository<GrpcServerStatus, String> {

    List<GrpcServerStatus> findAllByOrderByStartedAtDesc();

    /** Removes the rows of other instances not heard from since {@code cutoff} (stopped, failed or gone). */
    @Transactional
    @Modifying
    @Query("delete from GrpcServerStatus s where s.lastHeartbeat < :cutoff and s.instanceId <> :self")
    int deleteSilentSince(Instant cutoff, String self);
}
