package io.github.grpcops.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.grpcops.requestlog.RequestLogPurger;
import io.github.grpcops.requestlog.RequestLogStatistics;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.postgres.TestPostgres;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of an application on one PostgreSQL, each with a request-log purge every second:
 * the purge runs once per interval across the three (not three times), nothing deadlocks while
 * they purge, insert rows and add to the same rollup rows at once, and the rollups hold the calls
 * of all three. Tables of their own ({@code fleet_}), so other tests' rows stay out.
 */
class ThreeInstancesOnePostgresTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        this.instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void onePurgePerIntervalAcrossTheFleetAndRollupsOfAllThreeMerged() throws Exception {
        for (int i = 0; i < 3; i++) {
            this.instances.add(start());
        }
        JdbcTemplate sql = new JdbcTemplate(this.instances.get(0).getBean(javax.sql.DataSource.class));
        long before = sql.queryForObject("select coalesce(sum(calls), 0) from fleet_request_stats "
                + "where resolution = 'hour'", Long.class);

        Instant measuring = Instant.now();
        long runsBefore = purgeRuns();
        int calls = 0;
        for (int i = 0; i < 3; i++) {
            ManagedChannel channel = this.instances.get(i).getBean(GrpcTestClient.class).channel();
            for (int call = 0; call < 10 * (i + 1); call++) {
                Status status = EchoCall.complete(channel, MethodType.UNARY, "fleet-" + i + "-" + call,
                        EchoCalls.text("x")).status();
                assertThat(status.isOk()).isTrue();
                calls++;
            }
        }
        long expected = before + calls;
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(sql.queryForObject(
                    "select coalesce(sum(calls), 0) from fleet_request_stats where resolution = 'hour'", Long.class))
                .as("the hour rows hold the calls of all three instances")
                .isEqualTo(expected));
        Thread.sleep(Math.max(0, Duration.ofSeconds(6).minus(Duration.between(measuring, Instant.now())).toMillis()));
        long runs = purgeRuns() - runsBefore;
        double intervals = Duration.between(measuring, Instant.now()).toMillis() / (double) INTERVAL.toMillis();

        assertThat(runs).as("purges in %.1f intervals by three instances", intervals)
            .isBetween((long) Math.floor(intervals) - 2, (long) Math.floor(intervals) + 1);
        for (ConfigurableApplicationContext instance : this.instances) {
            assertThat(instance.getBean(RequestStatsRecorder.class).failedFlushes()).as("no flush failed (deadlock)")
                .isZero();
            assertThat(instance.getBean(RequestLogStatistics.class).summary(Duration.ofHours(1)).all().calls())
                .as("every instance reads the calls of all three").isGreaterThanOrEqualTo(calls);
        }
    }

    private long purgeRuns() {
        return this.instances.stream().mapToLong(instance -> instance.getBean(RequestLogPurger.class).runs()).sum();
    }

    private static ConfigurableApplicationContext start() {
        TestPostgres.Server postgres = TestPostgres.server();
        return new SpringApplicationBuilder(EchoTestApplication.class).web(WebApplicationType.NONE)
            .run("--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(), "--grpc.jdbc.initialize-schema=always",
                    "--grpc.jdbc.table-prefix=fleet_", "--grpc.server.port=0", "--grpc.server.address=127.0.0.1",
                    "--spring.main.banner-mode=off", "--grpc.request-log.purge.interval=" + INTERVAL.toMillis() + "ms",
                    "--grpc.request-log.writer.flush-interval=50ms", "--grpc.request-log.rollups.flush-interval=100ms");
    }
}
