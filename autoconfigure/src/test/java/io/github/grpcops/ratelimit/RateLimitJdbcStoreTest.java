package io.github.grpcops.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.github.grpcops.test.postgres.RestartablePostgres;
import io.github.grpcops.test.postgres.TestPostgres;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared store on a real PostgreSQL: two application instances (two Spring contexts, each with its
 * own Netty server) enforce one limit; a store that cannot be reached fails open or closed; a store
 * that goes down mid-run (a private PostgreSQL, stopped and restarted) recovers with the bucket states
 * it held.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitJdbcStoreTest {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        this.contexts.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(String... properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoTestApplication.class,
                RateLimitServerInterceptorTest.Principals.class)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off", "spring.main.web-application-type=none",
                    "spring.application.name=instance-" + this.contexts.size(), "grpc.rate-limit.enabled=true",
                    "grpc.rate-limit.store=jdbc", "grpc.rate-limit.default-limit.capacity=10",
                    "grpc.rate-limit.default-limit.period=1h", "grpc.rate-limit.exclude-methods=grpc.health.*")
            .properties(properties)
            .run();
        this.contexts.add(context);
        return context;
    }

    private ConfigurableApplicationContext startOnPostgres(String... properties) {
        TestPostgres.Server postgres = TestPostgres.server();
        List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + postgres.jdbcUrl(),
                "spring.datasource.username=" + postgres.username(), "spring.datasource.password=" + postgres.password(),
                "grpc.jdbc.initialize-schema=always"));
        all.addAll(List.of(properties));
        return start(all.toArray(String[]::new));
    }

    private static EchoServiceGrpc.EchoServiceBlockingStub stub(ConfigurableApplicationContext context, String principal) {
        return RateLimitServerInterceptorTest.stub(context.getBean(GrpcTestClient.class).channel(),
                TestPrincipalInterceptor.PRINCIPAL, principal);
    }

    private static Status.Code echo(EchoServiceGrpc.EchoServiceBlockingStub stub) {
        return RateLimitServerInterceptorTest.echo(stub);
    }

    @Test
    void twoInstancesSharingOnePostgresEnforceOneLimit() throws Exception {
        ConfigurableApplicationContext first = startOnPostgres();
        ConfigurableApplicationContext second = startOnPostgres();
        String principal = "fleet-user-" + System.nanoTime();
        List<EchoServiceGrpc.EchoServiceBlockingStub> stubs = List.of(stub(first, principal), stub(second, principal));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Status.Code> codes = new ArrayList<>();
        try {
            List<Callable<Status.Code>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                EchoServiceGrpc.EchoServiceBlockingStub stub = stubs.get(i % 2);
                calls.add(() -> echo(stub));
            }
            for (Future<Status.Code> result : pool.invokeAll(calls)) {
                codes.add(result.get());
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(10);
        assertThat(codes).filteredOn(c -> c == Status.Code.RESOURCE_EXHAUSTED).hasSize(90);
        assertThat(first.getBean(RateLimitServerInterceptor.class).rejectedCount()
                + second.getBean(RateLimitServerInterceptor.class).rejectedCount()).isEqualTo(90);
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from grpc_rate_limit_bucket where id = ?", Integer.class,
                "default|principal:" + principal)).isEqualTo(1);
    }

    @Test
    void bucketsThatRefilledAreDeletedFromTheTable() {
        ConfigurableApplicationContext context = startOnPostgres("grpc.rate-limit.default-limit.capacity=2",
                "grpc.rate-limit.default-limit.period=100ms");
        String principal = "short-lived-" + System.nanoTime();
        assertThat(echo(stub(context, principal))).isEqualTo(Status.Code.OK);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        String sql = "select count(*) from grpc_rate_limit_bucket where id = ?";
        assertThat(jdbc.queryForObject(sql, Integer.class, "default|principal:" + principal)).isEqualTo(1);

        // Full again after 100 ms, expired KEEP_AFTER_REFILL later: the cleaner removes it from then on.
        JdbcBucketCleaner cleaner = context.getBean(JdbcBucketCleaner.class);
        await().atMost(RateLimitAutoConfiguration.KEEP_AFTER_REFILL.multipliedBy(4))
            .pollDelay(RateLimitAutoConfiguration.KEEP_AFTER_REFILL)
            .pollInterval(Duration.ofMillis(100))
            .until(cleaner::removeExpired, removed -> removed > 0);
        assertThat(jdbc.queryForObject(sql, Integer.class, "default|principal:" + principal)).isZero();
    }

    private ConfigurableApplicationContext startWithDeadStore(String failureMode) {
        return start("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "spring.datasource.username=x",
                "spring.datasource.password=x", "spring.datasource.hikari.connection-timeout=250",
                "spring.datasource.hikari.initialization-fail-timeout=-1", "grpc.jdbc.initialize-schema=never", "grpc.jdbc.platform=postgresql",
                "spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
                "spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect", "spring.jpa.hibernate.ddl-auto=none",
                // The database never comes: closing the context need not wait the default 10 s for it.
                "grpc.request-log.writer.shutdown-timeout=100ms", "grpc.rate-limit.failure-mode=" + failureMode);
    }

    @Test
    void unreachableStoreFailsOpenByDefaultWithOneWarningAndACounter(CapturedOutput output) {
        ConfigurableApplicationContext context = startWithDeadStore("open");
        EchoServiceGrpc.EchoServiceBlockingStub stub = stub(context, "anyone");
        for (int i = 0; i < 3; i++) {
            assertThat(echo(stub)).isEqualTo(Status.Code.OK);
        }
        assertThat(context.getBean(RateLimitServerInterceptor.class).storeFailureCount()).isEqualTo(3);
        assertThat(output.getAll().split("Rate-limit store failed; calls are let through", -1)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(RateLimitProperties.FailureMode.class)
    void storeGoingDownMidRunFollowsTheFailureModeAndLimitsApplyAgainOnceItIsBack(
            RateLimitProperties.FailureMode mode, CapturedOutput output) throws Exception {
        RestartablePostgres postgres = new RestartablePostgres();
        postgres.start();
        try {
            ConfigurableApplicationContext context = start("spring.datasource.url=" + postgres.url(),
                    "spring.datasource.username=" + postgres.username(),
                    "spring.datasource.password=" + postgres.password(),
                    "spring.datasource.hikari.connection-timeout=250", "grpc.jdbc.initialize-schema=always",
                    "grpc.rate-limit.default-limit.capacity=3", "grpc.rate-limit.failure-mode=" + mode);
            RateLimitServerInterceptor interceptor = context.getBean(RateLimitServerInterceptor.class);
            EchoServiceGrpc.EchoServiceBlockingStub stub = stub(context, "outage-user");
            assertThat(echo(stub)).isEqualTo(Status.Code.OK);
            assertThat(echo(stub)).isEqualTo(Status.Code.OK);

            postgres.stop();
            // Three more calls than the one token left: open lets them all through, closed none.
            Status.Code whileDown = (mode == RateLimitProperties.FailureMode.OPEN) ? Status.Code.OK
                    : Status.Code.UNAVAILABLE;
            for (int i = 0; i < 3; i++) {
                assertThat(echo(stub)).isEqualTo(whileDown);
            }
            assertThat(interceptor.storeFailureCount()).isEqualTo(3);
            assertThat(output.getAll().split("Rate-limit store failed", -1)).hasSize(2);

            postgres.start();
            // The pool reconnects on its own; the first call the store decides on logs the recovery.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                echo(stub);
                return output.getAll().contains("Rate-limit store recovered");
            });
            // The bucket kept its state through the outage: the recovering call took the last token.
            assertThat(echo(stub)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        }
        finally {
            this.contexts.forEach(ConfigurableApplicationContext::close);
            this.contexts.clear();
            postgres.stop();
        }
    }

    @Test
    void unreachableStoreFailsClosedWhenConfigured() {
        ConfigurableApplicationContext context = startWithDeadStore("closed");
        StatusRuntimeException ex = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
                () -> stub(context, "anyone").echo(EchoRequest.newBuilder().setText("hi").build()));
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(ErrorDetails.errorInfo(ex).getReason()).isEqualTo("RATE_LIMIT_UNAVAILABLE");
        assertThat(context.getBean(RateLimitServerInterceptor.class).storeFailureCount()).isEqualTo(1);
    }
}
