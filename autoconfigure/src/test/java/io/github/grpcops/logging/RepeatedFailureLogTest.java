package io.github.grpcops.logging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RepeatedFailureLogTest {

    private final AtomicLong now = new AtomicLong();

    private final RepeatedFailureLog log = new RepeatedFailureLog(LoggerFactory.getLogger(RepeatedFailureLogTest.class),
            Duration.ofSeconds(10), this.now::get);

    @Test
    void firstOfAKindIsLoggedAtOnceAndTheRestOncePerIntervalWithTheirCount(CapturedOutput output) {
        assertThat(this.log.report(Level.WARN, "down", () -> "database down")).isTrue();
        for (int i = 0; i < 41; i++) {
            this.now.addAndGet(Duration.ofMillis(200).toNanos());
            assertThat(this.log.report(Level.WARN, "down", () -> "database down")).isFalse();
        }
        this.now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(this.log.report(Level.WARN, "down", () -> "database still down")).isTrue();
        List<String> lines = output.getAll().lines().filter(line -> line.contains("database")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("database down");
        assertThat(lines.get(1)).endsWith("database still down [41 more like it in the last 10s]");
    }

    @Test
    void kindsDifferingOnlyInNumbersAreOneKind() {
        assertThat(this.log.report(Level.WARN, "message exceeds maximum size 4194304: 9437184", () -> "a")).isTrue();
        assertThat(this.log.report(Level.WARN, "message exceeds maximum size 4194304: 123", () -> "b")).isFalse();
        assertThat(this.log.report(Level.WARN, "another failure", () -> "c")).isTrue();
    }

    @Test
    void kindsBeyondTheCapShareOne() {
        for (int i = 0; i < RepeatedFailureLog.MAX_KINDS; i++) {
            assertThat(this.log.report(Level.WARN, "kind " + (char) ('a' + i % 26) + (char) ('a' + i / 26), () -> "x"))
                .isTrue();
        }
        assertThat(this.log.report(Level.WARN, "one more kind", () -> "x")).isTrue();
        assertThat(this.log.report(Level.WARN, "and yet another", () -> "x")).as("shares the overflow kind").isFalse();
    }

    @Test
    void forgettingLogsTheNextOccurrenceAtOnce() {
        assertThat(this.log.report(Level.WARN, "down", () -> "x")).isTrue();
        this.log.forget();
        assertThat(this.log.report(Level.WARN, "down", () -> "x")).isTrue();
    }
}
