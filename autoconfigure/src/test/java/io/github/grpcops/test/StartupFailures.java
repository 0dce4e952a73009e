package io.github.grpcops.test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** Starts an application that must fail, and reads Spring Boot's failure report from the captured output. */
public final class StartupFailures {

    private StartupFailures() {
    }

    /** Runs {@code app} on free ports with these command-line arguments, expecting the start to fail. */
    public static void failToStart(SpringApplicationBuilder app, String... arguments) {
        assertThatException().isThrownBy(() -> app
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off")
            .run(arguments)
            .close());
    }

    /** Spring Boot's report holds {@code description}, then {@code action}, and no stack trace. */
    public static void assertReported(CapturedOutput output, String description, String action) {
        String out = output.toString();
        assertThat(out).contains("APPLICATION FAILED TO START");
        String report = out.substring(out.indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("Description:").contains("Action:");
        assertThat(report.substring(report.indexOf("Description:"), report.indexOf("Action:"))).contains(description);
        assertThat(report.substring(report.indexOf("Action:"))).contains(action);
        assertThat(out).doesNotContain("Application run failed").doesNotContain("\tat org.springframework.beans");
    }
}
