package io.github.grpcops.requestlog;

import io.github.grpcops.clientip.ClientIpAutoConfiguration;
import io.github.grpcops.jdbc.GrpcJdbcAutoConfiguration;
import io.github.grpcops.pipeline.ClientIpLookup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request log's auto-configuration: on with a data source, backs off for user beans, switched
 * off by property, absent without JDBC or a data source, meters only with Micrometer.
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
            .hasMessageContaining("grpc.request-log.success-sample-rate must be between 0 and 1"));
        this.runner.withPropertyValues("grpc.client-ip.trusted-proxies=proxy.example.com").run(context -> assertThat(
                context)
            .getFailure()
            .rootCause()
            .hasMessageContaining("'proxy.example.com' is not an IP address or CIDR block"));
    }
}
