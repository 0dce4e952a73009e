package io.github.grpcops.requestlog.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder on a real H2: figures it cannot write stay in memory, keep counting, and are added
 * whole once the table answers again; flushes add to the rows rather than replace them; a call
 * without names is still counted; and while the database stays away memory is bounded by dropping
 * the oldest minutes.
 */
class RequestStatsRecorderTest {

    private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:recorder-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    private final JdbcTemplate sql = new JdbcTemplate(this.dataSource);

    @Test
    void figuresTheTableCouldNotTakeAreKeptAndAddedOnceItAnswers() {
        RequestStatsRecorder recorder = new RequestStatsRecorder(
                new RequestStatsTable(this.dataSource, RequestStatsTable.TABLE), null);
        Instant now = Instant.now();
        recorder.record(call("s.S", "M", 2.0, now));
        assertThat(recorder.flush()).as("no table yet").isFalse();
        recorder.record(call("s.S", "M", 4.0, now));
        recorder.record(call(null, null, 1.0, now));
        createTables();
        assertThat(recorder.flush()).isTrue();
        recorder.record(call("s.S", "M", 6.0, now));
        assertThat(recorder.flush()).isTrue();
        assertThat(recorder.failedFlushes()).isEqualTo(1);

        assertThat(this.sql.queryForObject("select calls from grpc_request_stats where resolution = 'minute' "
                + "and service = 's.S'", Long.class)).isEqualTo(3);
        assertThat(this.sql.queryForObject("select duration_sum_ms from grpc_request_stats where resolution = 'hour' "
                + "and service = 's.S'", Double.class)).isEqualTo(12.0);
        assertThat(this.sql.queryForObject("select calls from grpc_request_stats where resolution = 'minute' "
                + "and service = 'unknown' and method = 'unknown'", Long.class)).isEqualTo(1);
    }

    @Test
    void whileTheDatabaseStaysAwayTheOldestMinutesGoFirst() {
        RollupAccumulator pending = new RollupAccumulator();
        Instant start = Instant.parse("2026-11-30T10:00:00Z");
        for (int minute = 0; minute < 10; minute++) {
            pending.record(call("s.S", "M", 1.0, start.plus(Duration.ofMinutes(minute))));
            pending.record(call("s.S", "N", 1.0, start.plus(Duration.ofMinutes(minute))));
        }
        assertThat(pending.dropOldestBeyond(20)).isZero();
        assertThat(pending.dropOldestBeyond(6)).isEqualTo(14);
        assertThat(pending.rows().keySet()).filteredOn(key -> key.resolution() == Resolution.MINUTE)
            .extracting(RollupKey::bucketStart)
            .allMatch(bucket -> !bucket.isBefore(start.plus(Duration.ofMinutes(7))));
    }

    private void createTables() {
        GrpcJdbcProperties jdbc = new GrpcJdbcProperties();
        jdbc.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        new GrpcOpsSchemaInitializer(this.dataSource, jdbc).initializeDatabase();
    }

    private static CallFigures call(String service, String method, double ms, Instant at) {
        return new CallFigures(service, method, "success", "OK", ms, 1, 10, 1, 20, at);
    }
}
