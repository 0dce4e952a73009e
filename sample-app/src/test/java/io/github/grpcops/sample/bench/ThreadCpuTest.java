package io.github.grpcops.sample.bench;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadCpuTest {

    @Test
    void poolMembersShareTheirGroup() {
        assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo(ThreadCpu.group("GC Thread#0")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.group("grpc-ops-worker-12")).isEqualTo(ThreadCpu.group("grpc-ops-worker-3"))
            .isEqualTo("grpc-ops-worker");
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C CompilerThre");
        assertThat(ThreadCpu.group("42")).isEqualTo("42");
    }

    @Test
    void aThreadThatBurnsCpuShowsItInItsGroup() throws Exception {
        assumeTrue(ThreadCpu.available(), "Linux /proc only; the harness prints no breakdown elsewhere");
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread burner = new Thread(() -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            burnt.countDown();
            awaitQuietly(release);
        }, "cpu-burner-7");
        burner.start();
        try {
            assertThat(burnt.await(10, TimeUnit.SECONDS)).isTrue();
            Map<String, Long> groups = ThreadCpu.byThreadGroup(ProcessHandle.current().pid());
            assertThat(groups.get("cpu-burner")).as("nanoseconds, in 10 ms ticks")
                .isBetween(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(2000));
        }
        finally {
            release.countDown();
            burner.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
