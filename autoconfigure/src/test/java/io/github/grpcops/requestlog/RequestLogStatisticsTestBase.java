package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;

import javax.sql.DataSource;

import io.grpc.Status;
import io.github.grpcops.jobs.FleetJobLock;
import io.github.grpcops.requestlog.rollup.LatencyHistogram;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Statistics read from the rollups and retention, checked against the same figures computed in the
 * test from the calls it recorded (percentiles within the histogram's documented bound); the same
 * tests run on H2 and PostgreSQL (subclasses).
 */
abstract class RequestLogStatisticsTestBase {

    @Autowired
    RequestLogStatistics statistics;

    @Autowired
    RequestLogInserter inserter;

    @Autowired
    RequestLogWriter writer;

    @Autowired
    RequestStatsRecorder recorder;

    @Autowired
    RequestStatsTable rollups;

    @Autowired
    DataSource dataSource;

    final List<Double> durationsA = new ArrayList<>();

    final List<Double> durationsAll = new ArrayList<>();

    Instant base;

    @BeforeEach
    void insertKnownCalls() {
        await().until(() -> this.writer.counts().queued() == 0);
        this.recorder.flush();
        new JdbcTemplate(this.dataSource).update("delete from grpc_request_log");
        new JdbcTemplate(this.dataSource).update("delete from grpc_request_stats");
        // Away from a minute boundary, so each group below falls in exactly one minute bucket.
        this.base = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5);
        List<RequestLogEntry> rows = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            Status.Code status = (i <= 90) ? Status.Code.OK : (i <= 96) ? Status.Code.INTERNAL
                    : (i <= 99) ? Status.Code.CANCELLED : Status.Code.DEADLINE_EXCEEDED;
            rows.add(FinishedCalls.entry("stats.A", "Get", status, i * 1.5, this.base.minus(Duration.ofMinutes(10))));
            this.durationsA.add(i * 1.5);
        }
        for (int i = 0; i < 20; i++) {
            rows.add(FinishedCalls.entry("stats.B", "List", Status.Code.OK, 10.0 + i * 0.25,
                    this.base.minus(Duration.ofMinutes(30))));
        }
        for (int i = 0; i < 5; i++) {
            rows.add(FinishedCalls.entry("stats.A", "Get", Status.Code.INTERNAL, 5000,
                    this.base.minus(Duration.ofHours(3))));
        }
        this.inserter.insertBatch(rows);
        this.recorder.recordAll(rows, RequestLogFigures::of);
        assertThat(this.recorder.flush()).isTrue();
        rows.stream()
            .filter(row -> row.createdAt().isAfter(this.base.minus(Duration.ofHours(1))))
            .forEach(row -> this.durationsAll.add(row.durationMs()));
    }

    /** The exact nearest-rank percentile: the smallest value with at least {@code p} of all values at or below it. */
    static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.max(1, Math.ceil(p * sorted.length)) - 1];
    }

    /** Within the histogram's bound of the exact percentile (1/64, plus the half microsecond of rounding). */
    static void assertPercentile(Double actual, List<Double> values, double p) {
        double exact = percentile(values, p);
        assertThat(actual).isCloseTo(exact, within(exact * LatencyHistogram.RELATIVE_ERROR + 0.0005));
    }

    @Test
    void summaryCountsByStatusAndReadsLatencyFromTheRollups() {
        RequestLogStatistics.Aggregates all = this.statistics.summary(Duration.ofHours(1)).all();
        assertThat(all.calls()).isEqualTo(120);
        assertThat(all.byStatus()).containsEntry("success", 110L)
            .containsEntry("error", 6L)
            .containsEntry("cancelled", 3L)
            .containsEntry("timeout", 1L);
        assertThat(all.successRate()).isCloseTo(110 / 120.0, within(1e-9));
        DoubleStream durations = this.durationsAll.stream().mapToDouble(Double::doubleValue);
        assertThat(all.averageMs()).isCloseTo(durations.average().orElseThrow(), within(1e-6));
        assertPercentile(all.p50Ms(), this.durationsAll, 0.5);
        assertPercentile(all.p95Ms(), this.durationsAll, 0.95);
        assertPercentile(all.p99Ms(), this.durationsAll, 0.99);
        assertThat(all.maxMs()).isEqualTo(150.0);
    }

    @Test
    void widerWindowIncludesOlderCalls() {
        assertThat(this.statistics.summary(Duration.ofHours(4)).all().calls()).isEqualTo(125);
    }

    @Test
    void emptyWindowHasNoLatencyFigures() {
        new JdbcTemplate(this.dataSource).update("delete from grpc_request_stats");
        RequestLogStatistics.Aggregates all = this.statistics.summary(Duration.ofHours(1)).all();
        assertThat(all.calls()).isZero();
        assertThat(all.successRate()).isNull();
        assertThat(all.p99Ms()).isNull();
    }

    @Test
    void perMethodFiguresAreGroupedBusiestFirst() {
        List<RequestLogStatistics.MethodStatistics> methods = this.statistics.byMethod(Duration.ofHours(1));
        assertThat(methods).extracting(RequestLogStatistics.MethodStatistics::service)
            .containsExactly("stats.A", "stats.B");
        RequestLogStatistics.Aggregates a = methods.get(0).all();
        assertThat(methods.get(0).method()).isEqualTo("Get");
        assertThat(a.calls()).isEqualTo(100);
        assertThat(a.successRate()).isCloseTo(0.9, within(1e-9));
        assertPercentile(a.p50Ms(), this.durationsA, 0.5);
        assertPercentile(a.p95Ms(), this.durationsA, 0.95);
        assertPercentile(a.p99Ms(), this.durationsA, 0.99);
        assertThat(methods.get(1).all().calls()).isEqualTo(20);
        assertThat(methods.get(1).all().successRate()).isEqualTo(1.0);
    }

    @Test
    void perServiceFiguresAndOneServicesMethodsCarryTheirLastCall() {
        List<RequestLogStatistics.ServiceStatistics> services = this.statistics.byService(Duration.ofHours(1));
        assertThat(services).extracting(RequestLogStatistics.ServiceStatistics::service)
            .containsExactly("stats.A", "stats.B");
        assertThat(services.get(0).all().calls()).isEqualTo(100);
        assertPercentile(services.get(0).all().p95Ms(), this.durationsA, 0.95);
        assertThat(services.get(0).lastCallAt()).isEqualTo(this.base.minus(Duration.ofMinutes(10)));
        assertThat(services.get(1).lastCallAt()).isEqualTo(this.base.minus(Duration.ofMinutes(30)));

        List<RequestLogStatistics.MethodStatistics> b = this.statistics.byMethod(Duration.ofHours(1), "stats.B");
        assertThat(b).singleElement().satisfies(method -> {
            assertThat(method.method()).isEqualTo("List");
            assertThat(method.all().calls()).isEqualTo(20);
            assertThat(method.lastCallAt()).isEqualTo(this.base.minus(Duration.ofMinutes(30)));
        });
        assertThat(this.statistics.byMethod(Duration.ofHours(4), "stats.A")).singleElement()
            .satisfies(method -> assertThat(method.all().calls()).isEqualTo(105));
        assertThat(this.statistics.byMethod(Duration.ofHours(1), "stats.none")).isEmpty();
        assertThat(this.statistics.byService(Duration.ofHours(1), "stats.B")).singleElement().satisfies(service -> {
            assertThat(service.all().calls()).isEqualTo(20);
            assertThat(service.lastCallAt()).isEqualTo(this.base.minus(Duration.ofMinutes(30)));
        });
        assertThat(this.statistics.byService(Duration.ofHours(1), "stats.none")).isEmpty();
    }

    @Test
    void timelineBucketsByMinuteHourAndDay() {
        List<RequestLogStatistics.TimelineBucket> minutes = this.statistics.timeline(Duration.ofHours(1),
                RequestLogStatistics.Granularity.MINUTE);
        assertThat(minutes).extracting(RequestLogStatistics.TimelineBucket::start)
            .containsExactly(this.base.minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES),
                    this.base.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES));
        assertThat(minutes).extracting(bucket -> bucket.all().calls()).containsExactly(20L, 100L);
        assertThat(minutes.get(1).all().byStatus()).containsEntry("timeout", 1L);

        for (RequestLogStatistics.Granularity granularity : List.of(RequestLogStatistics.Granularity.HOUR,
                RequestLogStatistics.Granularity.DAY)) {
            ChronoUnit unit = (granularity == RequestLogStatistics.Granularity.HOUR) ? ChronoUnit.HOURS
                    : ChronoUnit.DAYS;
            List<RequestLogStatistics.TimelineBucket> buckets = this.statistics.timeline(Duration.ofHours(4),
                    granularity);
            assertThat(buckets).allSatisfy(bucket -> assertThat(bucket.start()).isEqualTo(bucket.start().truncatedTo(unit)));
            assertThat(buckets).extracting(RequestLogStatistics.TimelineBucket::start).isSorted();
            assertThat(buckets.stream().mapToLong(bucket -> bucket.all().calls()).sum()).isEqualTo(125);
        }
    }

    @Test
    void granularityNamesAreParsedAndBadOnesExplained() {
        assertThat(RequestLogStatistics.Granularity.of(" Hour ")).isEqualTo(RequestLogStatistics.Granularity.HOUR);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
            .isThrownBy(() -> RequestLogStatistics.Granularity.of("week"))
            .withMessageContaining("use minute, hour or day");
    }

    @Test
    void purgeDeletesOnlyExpiredRowsInBoundedBatchesAndExpiredRollupsByResolution() {
        RequestLogProperties properties = new RequestLogProperties();
        properties.getPurge().setBatchSize(2);
        properties.getRollups().setMinuteRetention(Duration.ofHours(2));
        RequestLogPurger purger = new RequestLogPurger(BatchDeletes.of(this.dataSource, 2), this.rollups, properties,
                FleetJobLock.LOCAL, 0);
        long deleted = purger.purgeOlderThan(this.base.minus(Duration.ofHours(2)));
        assertThat(deleted).isEqualTo(5);
        assertThat(new JdbcTemplate(this.dataSource).queryForObject("select count(*) from grpc_request_log",
                Long.class)).isEqualTo(120);
        assertThat(purger.purge()).as("nothing is older than the 7-day retention").isZero();
        assertThat(new JdbcTemplate(this.dataSource).queryForList(
                "select distinct resolution from grpc_request_stats where bucket_start < ?", String.class,
                this.base.minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC)))
            .as("minute rows older than the minute retention are gone, hour rows stay for 90 days")
            .containsExactly("hour");
        assertThat(this.statistics.summary(Duration.ofDays(30)).all().calls()).isEqualTo(125);
    }

    @Test
    void theRowCapKeepsTheNewestRowsAndDeletesTheOldestInBoundedBatches() {
        RequestLogProperties properties = new RequestLogProperties();
        properties.getPurge().setBatchSize(7);
        RequestLogPurger purger = new RequestLogPurger(BatchDeletes.of(this.dataSource, 7), this.rollups, properties,
                FleetJobLock.LOCAL, 20);
        assertThat(purger.purge()).as("125 rows, none beyond the 7-day retention, 20 kept").isEqualTo(105);
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        assertThat(jdbc.queryForList("select distinct service from grpc_request_log", String.class))
            .as("the newest calls").containsExactly("stats.A");
        assertThat(jdbc.queryForObject("select count(*) from grpc_request_log", Long.class)).isEqualTo(20);
        assertThat(this.statistics.summary(Duration.ofDays(30)).all().calls())
            .as("the rollups are not capped: the statistics still count every call").isEqualTo(125);
        assertThat(purger.purge()).as("already within the cap").isZero();
    }
}
