package io.github.grpcops.requestlog;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.github.grpcops.clientip.ClientIpAutoConfiguration;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.jdbc.SchemaTables;
import io.github.grpcops.pipeline.ClientIpLookup;
import io.github.grpcops.test.CapturedLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The request log's auto-configuration: on with a data source, backs off for user beans, switched
 * off by property, absent without JDBC or a data source, meters only with Micrometer, the row cap only in
 * a database held in memory.
 */
class RequestLogAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-${random.uuid}")
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, GrpcJdbcAutoConfiguration.class,
                ClientIpAutoConfiguration.class, RequestLogAutoConfiguration.class));

    @Test
    void requestLogIsOnByDefaultOutermostWithTheBatchingWriter() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(RequestLogServerInterceptor.class)
                .hasSingleBean(BatchingRequestLogWriter.class)
                .hasSingleBean(InFlightCalls.class)
                .hasSingleBean(RequestLogStatistics.class)
                .hasSingleBean(RequestLogPurger.class)
                .hasSingleBean(ClientIpLookup.class);
            assertThat(context.getBean(RequestLogServerInterceptor.class).getOrder()).isEqualTo(-10_000);
        });
    }

    @Test
    void synchronousReferenceWriterIsChosenByProperty() {
        this.runner.withPropertyValues("grpc.request-log.writer.mode=synchronous-benchmark-reference")
            .run(context -> assertThat(context.getBean(RequestLogWriter.class))
                .isInstanceOf(SynchronousRequestLogWriter.class));
    }

    @Test
    void requestLogBacksOffWhenUserDefinesWriter() {
        RequestLogWriter own = new RequestLogWriter() {
            @Override
            public void write(RequestLogEntry entry) {
            }

            @Override
            public RequestLogWriterCounts counts() {
                return new RequestLogWriterCounts(0, 0, 0, 0, 0, 0);
            }
        };
        this.runner.withBean(RequestLogWriter.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean(BatchingRequestLogWriter.class);
            assertThat(context.getBean(RequestLogWriter.class)).isSameAs(own);
            assertThat(context).hasSingleBean(RequestLogServerInterceptor.class);
        });
    }

    @Test
    void requestLogIsSwitchedOffByProperty() {
        this.runner.withPropertyValues("grpc.request-log.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(RequestLogServerInterceptor.class)
                .doesNotHaveBean(RequestLogWriter.class));
    }

    @Test
    void requestLogNeedsADataSource() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RequestLogAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(RequestLogServerInterceptor.class));
    }

    @Test
    void requestLogBacksOffWithoutSpringJdbc() {
        this.runner.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
            .run(context -> assertThat(context).doesNotHaveBean(RequestLogServerInterceptor.class));
    }

    @Test
    void metersAreBoundOnlyWithMicrometer() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(RequestLogMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(RequestLogMetrics.class).bindTo(registry);
            RequestLogWriter writer = context.getBean(RequestLogWriter.class);
            writer.write(FinishedCalls.entry("meters-1", "test.Service"));
            org.awaitility.Awaitility.await().until(() -> writer.counts().written() == 1);
            assertThat(registry.get("grpc.request-log.rows.written").functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.get("grpc.request-log.rows.dropped").tag("reason", "queue-full").functionCounter().count())
                .isZero();
            assertThat(registry.get("grpc.request-log.rows.queued").gauge().value()).isZero();
        });
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run(context -> assertThat(context).hasSingleBean(RequestLogServerInterceptor.class)
                .doesNotHaveBean(RequestLogMetrics.class));
    }

    @Test
    void thePurgeCapsTheRowsOfADatabaseHeldInMemoryOnly(@TempDir Path directory) {
        this.runner.withPropertyValues("grpc.request-log.in-memory-max-rows=2")
            .run(context -> assertThat(insertFiveAndPurge(context)).as("5 rows in memory, 2 kept").isEqualTo(3));
        this.runner
            .withPropertyValues("grpc.request-log.in-memory-max-rows=2",
                    "spring.datasource.url=jdbc:h2:file:" + directory.resolve("log"), "grpc.jdbc.initialize-schema=always")
            .run(context -> assertThat(insertFiveAndPurge(context)).as("a file database is not capped").isZero());
    }

    @Test
    void thePurgeLogsAtInfoOnlyWhenRowsExpiredNotEachTimeTheInMemoryCapTrims() {
        List<ILoggingEvent> logged;
        try (CapturedLog purgeLog = CapturedLog.of(RequestLogPurger.class, Level.INFO)) {
            this.runner.withPropertyValues("grpc.request-log.in-memory-max-rows=2").run(context -> {
                insertFiveAndPurge(context);
                context.getBean(RequestLogInserter.class).insertBatch(List.of(FinishedCalls.entry("expired",
                        "test.Service", "Method", Status.Code.OK, 1.0, Instant.now().minus(Duration.ofDays(8)))));
                context.getBean(RequestLogPurger.class).purge();
            });
            logged = purgeLog.events();
        }
        // The first purge only trimmed the in-memory database to its cap: nothing at INFO.
        assertThat(logged).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
            .containsExactly(tuple(Level.INFO, "Request log purge: 1 rows older than PT168H removed, 0 beyond the newest 2 "
                            + "kept in memory, 0 minute and 0 hour rollups removed"));
    }

    @Test
    void onlyACappedDatabaseHeldInMemoryGetsTheRequestLogWithOneIndex(@TempDir Path directory) {
        this.runner.run(context -> assertThat(requestLogIndexes(context)).as("capped in memory")
            .containsExactly("grpc_request_log_created_idx"));
        this.runner.withPropertyValues("grpc.request-log.in-memory-max-rows=0")
            .run(context -> assertThat(requestLogIndexes(context)).as("uncapped").hasSize(7));
        this.runner
            .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + directory.resolve("log"),
                    "grpc.jdbc.initialize-schema=always")
            .run(context -> assertThat(requestLogIndexes(context)).as("on disk").hasSize(7));
    }

    private static Set<String> requestLogIndexes(ApplicationContext context) throws SQLException {
        return SchemaTables.indexColumns(context.getBean(DataSource.class), "grpc_request_log").keySet();
    }

    private static long insertFiveAndPurge(ApplicationContext context) {
        List<RequestLogEntry> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            rows.add(FinishedCalls.entry("cap-" + i, "test.Service", "Method", Status.Code.OK, 1.0, now.minusMillis(i)));
        }
        context.getBean(RequestLogInserter.class).insertBatch(rows);
        return context.getBean(RequestLogPurger.class).purge();
    }

    @Test
    void droppedRowsMetersShareOneDescriptionNamingEveryReason() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(RequestLogMetrics.class).bindTo(registry);
            // Prometheus and others keep one help text per meter name: it must cover the three reasons.
            assertThat(registry.get("grpc.request-log.rows.dropped").meters()).hasSize(3)
                .allSatisfy(meter -> assertThat(meter.getId().getDescription()).contains("queue-full")
                    .contains("rejected")
                    .contains("shutdown"));
        });
    }

    @Test
    void badSettingsFailAtStartupWithTheirName() {
        this.runner.withPropertyValues("grpc.request-log.success-sample-rate=1.5").run(context -> assertThat(context)
            .getFailure()
            .rootCause()
            .hasMessageContaining("grpc.request-log.success-sample-rate is 1.5, but must be between 0 and 1"));
        this.runner.withPropertyValues("grpc.client-ip.trusted-proxies=proxy.example.com").run(context -> assertThat(
                context)
            .getFailure()
            .rootCause()
            .hasMessageContaining("'proxy.example.com' is not an IP address or CIDR block"));
    }
}
