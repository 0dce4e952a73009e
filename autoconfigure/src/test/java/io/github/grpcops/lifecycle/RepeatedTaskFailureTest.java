package io.github.grpcops.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.grpcops.test.CapturedLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A repeated background task (a purge, a flush, a heartbeat) that throws something nobody expected keeps
 * its schedule: the failure is logged by type, without its message's values, and the next turn runs.
 * A scheduled executor on its own never runs such a task again.
 */
class RepeatedTaskFailureTest {

    @Test
    void aTaskThatThrowsRunsAgainAndTheFailureIsLoggedWithoutItsSecrets() {
        AtomicInteger turns = new AtomicInteger();
        BackgroundWork work = new BackgroundWork("failing-task", LifecyclePhases.REQUEST_STATS) {
            @Override
            protected void onStart() {
                repeat(() -> {
                    if (turns.incrementAndGet() == 1) {
                        throw new IllegalStateException("unexpected, password=hunter2");
                    }
                }, Duration.ZERO, Duration.ofMillis(20));
            }
        };
        List<ILoggingEvent> logged;
        try (CapturedLog workLog = CapturedLog.of(BackgroundWork.class)) {
            work.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> turns.get() >= 3);
            }
            finally {
                work.stop();
            }
            logged = workLog.events();
        }
        assertThat(logged).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).contains("java.lang.IllegalStateException at ")
                .contains("RepeatedTaskFailureTest").contains("runs again in 20 ms")
                .doesNotContain("hunter2");
        });
    }
}
