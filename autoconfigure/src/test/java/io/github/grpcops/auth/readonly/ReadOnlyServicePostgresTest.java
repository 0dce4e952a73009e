package io.github.grpcops.auth.readonly;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** On real PostgreSQL, where read-only transactions refuse writes themselves, plain JDBC writes included. */
@AuthProbeTest(properties = { "grpc.jdbc.initialize-schema=always", "spring.jpa.hibernate.ddl-auto=update" })
@Import(TestPostgres.DataSource.class)
class ReadOnlyServicePostgresTest extends ReadOnlyServiceContract {

    @Test
    void jdbcWriteIsRefusedByPostgresAndNothingIsWritten() {
        assertRefused(() -> this.blocking.writeJdbc(text("jdbc")));
        assertThat(this.records.count()).isZero();
    }
}
