package io.github.grpcops.startup;

import io.github.grpcops.test.EchoTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At start-up grpc-ops says in one INFO block what it turned on and off and why, and warns about each
 * setting that leaves a capability useless, read from the application as it started.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupReportTest {

    @Test
    void theEmbeddedDefaultIsReportedInOneBlockWithoutAnyWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("--management.endpoints.web.exposure.include=grpc")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String nl = System.lineSeparator();
            assertThat(output.getOut()).contains("grpc-ops:" + nl
                    + "  request log: on (in H2 in memory, keeps the newest 100000 rows, kept 7 days)" + nl
                    + "  server status: on" + nl
                    + "  API keys: on" + nl
                    + "  authentication: on (credentials: API keys; every method is open unless annotated "
                    + "(grpc.auth.require-auth=false))" + nl
                    + "  rate limiting: off (grpc.rate-limit.enabled=true to switch it on)" + nl
                    + "  metrics: on" + nl
                    + "  /actuator/grpc: /actuator/grpc on HTTP port " + port
                    + ", read-only (writes need management.endpoint.grpc.access=unrestricted)" + nl
                    + "  spring.jpa.open-in-view=false (grpc-ops' default: its JPA tables need no open-in-view in "
                    + "your web layer; set it yourself to choose)" + nl
                    + "  Hibernate's, Hikari's and Spring Data JPA's INFO lines: off (grpc-ops' default while you set "
                    + "no logging.level; set any to choose)" + nl);
            assertThat(output.getOut()).doesNotContain(" WARN ")
                .doesNotContain(" - Start completed.")
                .doesNotContain("HHH")
                .doesNotContain("Spring Data JPA repositories");
        }
    }

    @Test
    void featuresThatSwitchedThemselvesOffSayWhyAndUselessSettingsAreWarnings(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("--spring.main.web-application-type=none",
                "--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                "--grpc.auth.require-auth=true", "--grpc.rate-limit.enabled=true",
                "--management.endpoints.web.exposure.include=health,grpc")) {
            assertThat(output.getOut())
                .contains("  request log: off (no DataSource: add a database driver (H2 for a start) or "
                        + "spring.datasource.url)")
                .contains("  server status: off (no DataSource")
                .contains("  API keys: off (no DataSource")
                .contains("  authentication: on (credentials: none; every method needs a caller unless public or "
                        + "annotated)")
                .contains("  rate limiting: on (0 limits, buckets in memory, keyed by principal)")
                .contains("WARN")
                .contains("grpc-ops: authentication: grpc.auth.require-auth=true, but no credential can be verified "
                        + "(no grpc.auth.jwt.secret or public-key, no API keys, no internal key): every call to a "
                        + "method that is not public will be refused with UNAUTHENTICATED")
                .contains("grpc-ops: rate limiting: grpc.rate-limit.enabled=true, but no limit is configured "
                        + "(grpc.rate-limit.default-limit, grpc.rate-limit.limits): no call is limited")
                .contains("grpc-ops: /actuator/grpc: not reachable over HTTP, the application runs no web server "
                        + "(add spring-boot-starter-web")
                .doesNotContain("spring.jpa.open-in-view=false");
        }
    }

    @Test
    void theApplicationsOwnSettingsWinOverGrpcOpsDefaultsAndAreNotReportedAsGrpcOps(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("--spring.jpa.open-in-view=true",
                "--logging.level.com.example=info", "--grpc.request-log.enabled=false",
                "--grpc.auth.api-key.enabled=false")) {
            assertThat(output.getOut()).contains("  request log: off (grpc.request-log.enabled=false)")
                .contains("  API keys: off (grpc.auth.api-key.enabled=false)")
                .contains("  /actuator/grpc: not exposed (add grpc to management.endpoints.web.exposure.include)")
                .contains(" - Start completed.")
                .doesNotContain("spring.jpa.open-in-view=false")
                .doesNotContain("INFO lines: off");
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        return new SpringApplicationBuilder(EchoTestApplication.class)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off")
            .run(arguments);
    }
}
