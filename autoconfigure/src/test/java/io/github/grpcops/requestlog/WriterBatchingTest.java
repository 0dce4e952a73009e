package io.github.grpcops.requestlog;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the writer forms batches from a steady trickle of rows: whole batches by count, a partial one at
 * the flush interval, and without a wake-up of the writer thread per row (the calls' threads used to
 * wake it for every row they queued, which cost more CPU than writing the row). The batches are
 * recorded instead of written; no database work is under test here.
 */
class WriterBatchingTest {

    private final List<Integer> batches = new CopyOnWriteArrayList<>();

    private final RequestLogProperties.Writer settings = new RequestLogProperties.Writer();

    private BatchingRequestLogWriter writer;

    @AfterEach
    void stop() {
        if (this.writer != null) {
            this.writer.stop();
        }
    }

    @Test
    void aSteadyTrickleIsWrittenInWholeBatchesWithoutWakingTheWriterPerRow() {
        this.settings.setBatchSize(100);
        this.settings.setFlushInterval(Duration.ofSeconds(30));
        Thread writerThread = startWriter();
        long waitsBefore = waits(writerThread);
        for (int i = 0; i < 1000; i++) {
            this.writer.write(FinishedCalls.entry("trickle-" + i, "trickle.S"));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> this.writer.counts().written() == 1000);
        long waits = waits(writerThread) - waitsBefore;
        assertThat(this.batches).as("whole batches by count; the 30 s flush interval never passed")
            .hasSize(10)
            .allMatch(size -> size == 100);
        // one row a millisecond for about 1.1 s: a wake-up per row made a thousand, 50 ms slices a few dozen
        assertThat(waits).as("times the writer thread slept while 1,000 rows trickled in").isLessThan(200);
    }

    @Test
    void rowsShortOfABatchAreWrittenTogetherOnceTheFlushIntervalHasPassed() {
        this.settings.setBatchSize(500);
        this.settings.setFlushInterval(Duration.ofMillis(300));
        startWriter();
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            this.writer.write(FinishedCalls.entry("partial-" + i, "partial.S"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> this.writer.counts().written() == 3);
        assertThat(System.nanoTime() - start).as("not before the flush interval")
            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(this.batches).containsExactly(3);
    }

    /** Starts a writer whose inserter records batch sizes; returns the writer's thread. */
    private Thread startWriter() {
        DataSource unused = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:writer-batching-" + UUID.randomUUID(), "sa", "");
        RequestLogInserter recording = new RequestLogInserter(unused, RequestLogInserter.TABLE, this.settings) {
            @Override
            public void insertBatch(List<RequestLogEntry> entries) {
                WriterBatchingTest.this.batches.add(entries.size());
            }
        };
        RequestStatsRecorder stats = new RequestStatsRecorder(new RequestStatsTable(unused, RequestStatsTable.TABLE),
                null);
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        this.writer = new BatchingRequestLogWriter(recording, this.settings, stats);
        this.writer.start();
        return Thread.getAllStackTraces()
            .keySet()
            .stream()
            .filter(thread -> !before.contains(thread) && thread.getName().contains("request-log-writer"))
            .findFirst()
            .orElseThrow();
    }

    /** How many times the thread has waited or slept (parks included), as the JVM counts it. */
    private static long waits(Thread thread) {
        return ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId()).getWaitedCount();
    }
}
