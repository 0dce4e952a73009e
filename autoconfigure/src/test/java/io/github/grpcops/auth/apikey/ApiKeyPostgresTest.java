package io.github.grpcops.auth.apikey;

import io.github.grpcops.auth.probe.AuthProbeTest;
import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On real PostgreSQL, with the table created by grpc-ops' own script ({@code ddl-auto=update} only
 * creates the probe's own table).
 */
@AuthProbeTest(properties = { "grpc.jdbc.initialize-schema=always", "spring.jpa.hibernate.ddl-auto=update" })
@Import(TestPostgres.DataSource.class)
class ApiKeyPostgresTest extends ApiKeyContract {

    @Test
    void scriptCreatesExactlyTheColumnsTheEntityMaps() {
        // Hibernate's update would have added any column the script lacks: the set shows it added none.
        assertThat(this.jdbc.queryForList("select column_name from information_schema.columns "
                + "where table_name = 'grpc_api_key'", String.class)).containsExactlyInAnyOrder("id", "name",
                        "description", "key_type", "owner", "key_prefix", "key_hash", "active", "expires_at",
                        "last_used_at", "request_count", "created_by", "created_at", "updated_at");
        assertThat(this.jdbc.queryForObject("select data_type from information_schema.columns "
                + "where table_name = 'grpc_api_key' and column_name = 'expires_at'", String.class))
            .isEqualTo("timestamp with time zone");
    }
}
