package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.grpcops.jdbc.GrpcJdbcProperties;
import io.github.grpcops.jdbc.GrpcOpsSchemaInitializer;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.test.CapturedLog;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rows the writer's queue refuses (full while the database is slow) are dropped from the log but
 * still counted in the rollups: the rollups count every call handed to the writer. A real writer and
 * real H2; the database is made slow by holding the insert. The drops are warned about once, with a
 * count, not once per refill of the queue.
 */
class RollupCountsDroppedRowsTest {

    private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:rollup-drops-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    @Test
    void rowsDroppedBecauseTheQueueWasFullAreStillCounted() throws Exception {
        GrpcJdbcProperties jdbc = new GrpcJdbcProperties();
        jdbc.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
        new GrpcOpsSchemaInitializer(this.dataSource, jdbc).initializeDatabase();
        CountDownLatch inserting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RequestLogProperties.Writer settings = new RequestLogProperties.Writer();
        settings.setQueueCapacity(2);
        settings.setBatchSize(1);
        RequestLogInserter slowDatabase = new RequestLogInserter(this.dataSource, RequestLogInserter.TABLE, settings) {
            @Override
            public void insertBatch(List<RequestLogEntry> entries) {
                inserting.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                super.insertBatch(entries);
            }
        };
        RequestStatsRecorder stats = new RequestStatsRecorder(new RequestStatsTable(this.dataSource,
                RequestStatsTable.TABLE), null);
        BatchingRequestLogWriter writer = new BatchingRequestLogWriter(slowDatabase, settings, stats);
        writer.start();
        try {
            Instant now = Instant.now();
            writer.write(FinishedCalls.entry("drops.S", "M", Status.Code.OK, 1.0, now));
            assertThat(inserting.await(10, TimeUnit.SECONDS)).isTrue();
            try (CapturedLog warnings = CapturedLog.of(BatchingRequestLogWriter.class)) {
                for (int i = 0; i < 2500; i++) {
                    writer.write(FinishedCalls.entry("drops.S", "M", Status.Code.OK, 2.0 + i, now));
                }
                assertThat(warnings.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .as("one line for the first drop, not one per thousand")
                    .containsExactly("Request log queue full (2 rows): dropping rows until the database catches up; "
                            + "1 dropped so far");
            }
            assertThat(writer.counts().droppedQueueFull()).as("the capacity holds the row in hand and one queued")
                .isEqualTo(2499);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.counts().queued() == 0);
            assertThat(writer.counts().written()).isEqualTo(2);
            assertThat(stats.flush()).isTrue();
            JdbcTemplate sql = new JdbcTemplate(this.dataSource);
            assertThat(sql.queryForObject("select calls from grpc_request_stats where resolution = 'minute' "
                    + "and service = 'drops.S'", Long.class)).isEqualTo(2501);
            assertThat(sql.queryForObject("select count(*) from grpc_request_log", Long.class)).isEqualTo(2);
        }
        finally {
            release.countDown();
            writer.stop();
            stats.stop();
        }
    }
}
