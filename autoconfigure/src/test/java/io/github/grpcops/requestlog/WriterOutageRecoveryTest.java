package io.github.grpcops.requestlog;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.postgres.RestartablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer during a PostgreSQL outage with the connection pool's own defaults (Hikari waits 30 s for
 * a connection): its attempts are bounded by its own connect timeout, so failed batches are counted,
 * the outage is logged while it lasts (not after the pool gives up), rows queue only up to the queue's
 * capacity, and the writer drains the queue once the database is back, saying how long it was away.
 */
@ExtendWith(OutputCaptureExtension.class)
class WriterOutageRecoveryTest {

    @RegisterExtension
    static final RestartablePostgres postgres = RestartablePostgres.create();

    @Test
    void outageIsSeenWithinTheWritersOwnTimeoutsAndTheQueueDrainsAfterIt(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(EchoTestApplication.class)
            .properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off", "spring.datasource.url=" + postgres.url(),
                    "spring.datasource.username=" + postgres.username(),
                    "spring.datasource.password=" + postgres.password(), "grpc.jdbc.initialize-schema=always",
                    "spring.jpa.hibernate.ddl-auto=none", "grpc.request-log.writer.connect-timeout=1s",
                    "grpc.request-log.writer.queue-capacity=40", "grpc.request-log.writer.batch-size=10",
                    "grpc.request-log.writer.flush-interval=20ms", "grpc.request-log.writer.retry-max-backoff=2s")
            .run()) {
            RequestLogWriter writer = app.getBean(RequestLogWriter.class);
            String prefix = "recovery-" + UUID.randomUUID() + "-";
            writer.write(FinishedCalls.entry(prefix + "before", "test.Service"));
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.counts().written() == 1);

            postgres.stop();
            long stopped = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                writer.write(FinishedCalls.entry(prefix + i, "test.Service"));
                assertThat(writer.counts().queued()).as("rows held, the batch in hand included")
                    .isLessThanOrEqualTo(40);
            }
            // Well within Hikari's 30 s: each attempt gives up after the writer's 1 s connect timeout.
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.counts().failedBatches() >= 2);
            assertThat(System.nanoTime() - stopped).isLessThan(Duration.ofSeconds(20).toNanos());
            assertThat(output.getAll()).contains("Database unavailable for the request log for ");
            RequestLogWriterCounts down = writer.counts();
            assertThat(down.queued()).isEqualTo(40);
            assertThat(down.droppedQueueFull()).isEqualTo(60);
            assertThat(down.accounted()).isEqualTo(101);

            postgres.start();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.counts().queued() == 0);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
            System.out.println("Request log writer drained its queue " + recovery.toMillis()
                    + " ms after PostgreSQL accepted connections again");
            RequestLogWriterCounts up = writer.counts();
            assertThat(up.written()).isEqualTo(41);
            List<String> lines = output.getAll().lines().toList();
            assertThat(lines).anyMatch(line -> line.contains("Request log writer reached the database again after"));
        }
    }
}
