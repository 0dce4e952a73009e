package io.github.grpcops.diagnostics;

import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import static io.github.grpcops.test.StartupFailures.assertReported;
import static io.github.grpcops.test.StartupFailures.failToStart;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A setting grpc-ops cannot work with stops the start with Spring Boot's failure report: one
 * description naming the property (and where it was set) and one action, never the stack trace of the
 * bean creation it happened in, and never a secret's value.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalysisTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            grpc.executor.max-workers=0                  | grpc.executor.max-workers is 0, but must be at least 1.                                      | Set grpc.executor.max-workers to a whole number of at least 1
            grpc.executor.queue-capacity=-1              | grpc.executor.queue-capacity is -1, but must be at least 0.                                  | Set grpc.executor.queue-capacity to a whole number of at least 0
            grpc.request-log.purge.interval=0s           | grpc.request-log.purge.interval is 0s, but must be a duration longer than zero.              | Set grpc.request-log.purge.interval to a duration such as 500ms, 30s or 5m
            grpc.request-log.writer.flush-interval=-5ms  | grpc.request-log.writer.flush-interval is -5ms, but must be a duration longer than zero.     | Set grpc.request-log.writer.flush-interval to a duration
            grpc.request-log.payloads.max-size=0B        | grpc.request-log.payloads.max-size is 0B, but must be a size larger than zero.               | Set grpc.request-log.payloads.max-size to a size such as 512B, 4KB or 1MB
            grpc.status.heartbeat-interval=0s            | grpc.status.heartbeat-interval is 0s, but must be a duration longer than zero.               | Set grpc.status.heartbeat-interval to a duration
            grpc.auth.brute-force.max-addresses=0        | grpc.auth.brute-force.max-addresses is 0, but must be at least 1.                            | Set grpc.auth.brute-force.max-addresses to a whole number of at least 1
            grpc.client-ip.trusted-proxies=proxy.example | grpc.client-ip.trusted-proxies: 'proxy.example' is not an IP address or CIDR block            | List the proxies in front of this server in grpc.client-ip.trusted-proxies
            """)
    void anUnworkableSettingIsReportedAsOneDescriptionAndAction(String argument, String description, String action,
            CapturedOutput output) {
        failToStart(new SpringApplicationBuilder(EchoTestApplication.class), "--" + argument);
        assertReported(output, description, action);
        String property = argument.substring(0, argument.indexOf('='));
        assertThat(output).contains("    Property: " + property + System.lineSeparator() + "    Origin: \"" + property
                + "\" from property source \"commandLineArgs\"");
    }

    @Test
    void aShortJwtSecretIsReportedWithTheLengthNeededAndNeverTheSecret(CapturedOutput output) {
        String secret = "not-long-enough-for-hs256";
        failToStart(new SpringApplicationBuilder(EchoTestApplication.class), "--grpc.auth.jwt.secret=" + secret);
        assertReported(output, "grpc.auth.jwt.secret is 200 bits, but HS256 needs at least 256 bits (32 bytes); "
                + "use a longer random secret, e.g. the output of 'openssl rand -base64 32'",
                "Change grpc.auth.jwt.secret as the description says.");
        assertThat(output).doesNotContain(secret);
    }

    @Test
    void theSharedRateLimitStoreWithoutBucket4jsPostgresModuleNamesTheArtifactAndVersion(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(EchoTestApplication.class)
            .resourceLoader(new DefaultResourceLoader(new FilteredClassLoader(Bucket4jPostgreSQL.class)));
        failToStart(app, "--grpc.rate-limit.enabled=true", "--grpc.rate-limit.store=jdbc");
        assertReported(output, "grpc.rate-limit.store=jdbc keeps the buckets in PostgreSQL through Bucket4j's "
                + "PostgreSQL module, which is not on the class path.",
                "Add the dependency com.bucket4j:bucket4j_jdk17-postgresql:8.14.0 (grpc-ops-dependencies manages its "
                        + "version), or set grpc.rate-limit.store=memory");
        assertThat(output).doesNotContain("required a bean of type");
    }

    @Test
    void theSharedRateLimitStoreWithoutADataSourceSaysWhatItNeeds(CapturedOutput output) {
        failToStart(new SpringApplicationBuilder(EchoTestApplication.class), "--grpc.rate-limit.enabled=true",
                "--grpc.rate-limit.store=jdbc",
                "--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration");
        assertReported(output, "grpc.rate-limit.store=jdbc keeps the buckets in a PostgreSQL table, but the "
                + "application has no DataSource.", "Configure the PostgreSQL database (spring.datasource.url");
    }
}
