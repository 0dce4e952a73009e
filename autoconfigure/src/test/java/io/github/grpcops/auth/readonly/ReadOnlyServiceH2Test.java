package io.github.grpcops.auth.readonly;

import io.github.grpcops.auth.probe.AuthProbeTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On H2, which treats a read-only transaction as a hint and would run the write: grpc-ops' statement
 * inspector refuses Hibernate's writes, so the contract holds. A plain JDBC write is not seen by the
 * inspector; H2 runs it, and the always-rolled-back transaction undoes it.
 */
@AuthProbeTest
class ReadOnlyServiceH2Test extends ReadOnlyServiceContract {

    @Test
    void jdbcWriteOnH2IsRolledBackSoNothingIsWritten() {
        // H2 runs the insert (the service sees its own row), but the transaction of a read-only call
        // always rolls back.
        assertThat(this.blocking.writeJdbc(text("jdbc")).getCount()).isEqualTo(1);
        assertThat(this.records.count()).isZero();
    }
}
