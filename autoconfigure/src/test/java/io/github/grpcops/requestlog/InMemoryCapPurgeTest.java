package io.github.grpcops.requestlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.jdbc.GrpcSchemaVariant;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cap on rows kept in an in-memory H2 (the embedded default's table, one index on
 * {@code created_at}): the newest rows stay, whatever the order they were inserted in, in as many
 * delete statements as the purge batch size takes, and exactly the cap is left even when many rows
 * started in the same microsecond as the newest one beyond it.
 */
class InMemoryCapPurgeTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:cap-purge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    private final JdbcTemplate sql = new JdbcTemplate(this.dataSource);

    private RequestLogInserter inserter;

    @BeforeEach
    void createTheEmbeddedDefaultsTable() {
        GrpcJdbcProperties jdbc = new GrpcJdbcProperties();
        jdbc.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        new GrpcOpsSchemaInitializer(this.dataSource, jdbc,
                List.of(new GrpcSchemaVariant("requestlog", "in-memory", "in-memory-max-rows")))
            .initializeDatabase();
        this.inserter = new RequestLogInserter(this.dataSource, RequestLogInserter.TABLE,
                new RequestLogProperties.Writer());
    }

    @Test
    void theNewestRowsStayWhateverOrderTheyCameInWithBatchesOfFour() {
        List<RequestLogEntry> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // inserted out of order: 0, 7, 14, ... seconds old, then 1, 8, ...
            int age = (i * 7) % 30;
            rows.add(row("age-" + age, NOW.minusSeconds(age)));
        }
        this.inserter.insertBatch(rows);
        BatchDeleteRetention retention = BatchDeletes.of(this.dataSource, 4);
        assertThat(retention.purgeBeyondNewest(5)).isEqualTo(25);
        assertThat(requestIds()).containsExactlyInAnyOrder("age-0", "age-1", "age-2", "age-3", "age-4");
        assertThat(retention.purgeBeyondNewest(5)).as("nothing beyond the cap any more").isZero();
        assertThat(retention.purgeBeyondNewest(10)).isZero();
        assertThat(requestIds()).hasSize(5);
    }

    @Test
    void rowsSharingTheBoundarysMicrosecondGoOnlyAsFarAsTheCapNeeds() {
        Instant tied = NOW.minusSeconds(3);
        List<RequestLogEntry> rows = new ArrayList<>(List.of(row("newest", NOW), row("second", NOW.minusSeconds(1)),
                row("oldest", NOW.minusSeconds(9))));
        for (int i = 0; i < 12; i++) {
            rows.add(row("tied-" + i, tied));
        }
        this.inserter.insertBatch(rows);
        BatchDeleteRetention retention = BatchDeletes.of(this.dataSource, 4);
        assertThat(retention.purgeBeyondNewest(5)).isEqualTo(10);
        assertThat(requestIds()).hasSize(5).contains("newest", "second").doesNotContain("oldest");
    }

    @Test
    void everyRowInOneMicrosecondStillLeavesExactlyTheCap() {
        List<RequestLogEntry> rows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rows.add(row("same-" + i, NOW));
        }
        this.inserter.insertBatch(rows);
        assertThat(BatchDeletes.of(this.dataSource, 100).purgeBeyondNewest(3)).isEqualTo(6);
        assertThat(requestIds()).hasSize(3);
    }

    private List<String> requestIds() {
        return this.sql.queryForList("select request_id from grpc_request_log", String.class);
    }

    private static RequestLogEntry row(String requestId, Instant startedAt) {
        return FinishedCalls.entry(requestId, "cap.Service", "Method", Status.Code.OK, 1.0, startedAt);
    }
}
