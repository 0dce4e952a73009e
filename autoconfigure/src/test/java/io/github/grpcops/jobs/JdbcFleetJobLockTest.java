package io.github.grpcops.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.jdbc.SchemaTables;
import io.github.grpcops.test.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Job leases in the job table, as two instances (two locks with their own owner) see them, on H2 and
 * on a real PostgreSQL: a job runs on one of them per interval, not while the other runs it, and is
 * free again after the interval; on PostgreSQL a second instance asking while the first holds the
 * job's advisory lock skips at once instead of waiting.
 */
class JdbcFleetJobLockTest {

    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void onH2AJobRunsOncePerIntervalWhicheverInstanceAsks() {
        DataSource h2 = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        assertOncePerInterval(h2, false);
    }

    @Test
    void onPostgresAJobRunsOncePerIntervalAndASecondAskerNeverWaits() throws Exception {
        TestPostgres.Server server = TestPostgres.server();
        DataSource postgres = new SimpleDriverDataSource(new org.postgresql.Driver(),
                SchemaTables.emptyPostgresSchema("fleet_jobs"), server.username(), server.password());
        try {
            assertOncePerInterval(postgres, true);
            JdbcFleetJobLock lock = lock(postgres, "b", true);
            try (Connection holder = postgres.getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement advisory = holder.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    advisory.setLong(1, lock.advisoryKey("held"));
                    advisory.execute();
                }
                assertThat(lock.runIfDue("held", LONG, LONG, () -> {
                    throw new AssertionError("must not run while another instance holds the job");
                })).isFalse();
                holder.rollback();
            }
            assertThat(lock.runIfDue("held", LONG, LONG, () -> {
            })).as("free once the other instance let go").isTrue();
        }
        finally {
            new JdbcTemplate(postgres).execute("drop schema fleet_jobs cascade");
        }
    }

    private static void assertOncePerInterval(DataSource dataSource, boolean postgres) {
        GrpcJdbcProperties jdbc = new GrpcJdbcProperties();
        jdbc.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        new GrpcOpsSchemaInitializer(dataSource, jdbc).initializeDatabase();
        JdbcFleetJobLock a = lock(dataSource, "a", postgres);
        JdbcFleetJobLock b = lock(dataSource, "b", postgres);
        AtomicInteger runs = new AtomicInteger();

        assertThat(a.runIfDue("purge", LONG, LONG, () -> {
            runs.incrementAndGet();
            assertThat(b.runIfDue("purge", LONG, LONG, runs::incrementAndGet)).as("while a runs it").isFalse();
        })).isTrue();
        assertThat(b.runIfDue("purge", LONG, LONG, runs::incrementAndGet)).as("within the interval").isFalse();
        assertThat(a.runIfDue("purge", LONG, LONG, runs::incrementAndGet)).as("not even the same instance").isFalse();
        assertThat(runs).hasValue(1);

        Duration short_ = Duration.ofMillis(300);
        assertThat(a.runIfDue("short", short_, LONG, runs::incrementAndGet)).isTrue();
        assertThat(b.runIfDue("short", short_, LONG, runs::incrementAndGet)).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.runIfDue("short", short_, LONG, runs::incrementAndGet));
        assertThat(runs).hasValue(3);

        assertThatIllegalStateException().isThrownBy(() -> a.runIfDue("failing", short_, LONG, () -> {
            throw new IllegalStateException("job failed");
        }));
        assertThat(b.runIfDue("failing", short_, LONG, runs::incrementAndGet))
            .as("a failed run still holds the job for its interval").isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.runIfDue("failing", short_, LONG, runs::incrementAndGet));
    }

    private static JdbcFleetJobLock lock(DataSource dataSource, String owner, boolean postgres) {
        return new JdbcFleetJobLock(dataSource, JdbcFleetJobLock.TABLE, owner, postgres);
    }
}
