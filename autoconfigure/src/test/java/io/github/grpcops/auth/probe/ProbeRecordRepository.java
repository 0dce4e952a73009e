package io.github.grpcops.auth.probe;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ProbeRecordRepository extends JpaRepository<ProbeRecord, Long> {
}
