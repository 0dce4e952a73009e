package io.github.grpcops.sample.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
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
        try (Burner burner = Burner.start("cpu-burner-7", 300)) {
            long pid = ProcessHandle.current().pid();
            Map<String, Long> groups = ThreadCpu.groupsSince(Map.of(), ThreadCpu.byThread(pid));
            assertThat(groups.get("cpu-burner")).as("nanoseconds, in 10 ms ticks")
                .isBetween(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(2000));
        }
    }

    @Test
    void theReportPutsEachConfigurationsRoundCpuPerCallInItsColumn() throws Exception {
        assumeTrue(ThreadCpu.available(), "Linux /proc only; the harness prints no breakdown elsewhere");
        ThreadCpuReport report = new ThreadCpuReport(List.of("busy", "idle"));
        long pid = ProcessHandle.current().pid();
        Burner[] burner = new Burner[1];
        report.round("busy", pid, () -> {
            burner[0] = Burner.start("report-burner-1", 300);
            return calls(1000);
        });
        try {
            report.round("idle", pid, () -> calls(1000));
        }
        finally {
            burner[0].close();
        }
        String table = report.render();
        assertThat(table).startsWith("| CPU us/call by thread group | busy | idle |");
        String row = table.lines().filter(line -> line.startsWith("| report-burner |")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        // 300 ms over 1,000 calls: about 300 us per call, in 10 ms ticks
        assertThat(Double.parseDouble(cells[2].strip())).isBetween(200.0, 2000.0);
        assertThat(Double.parseDouble(cells[3].strip())).isZero();
        assertThat(table).contains("| " + ThreadCpu.POSTGRES + " |");
        // the burner runs in this JVM, the harness's: its CPU counts in the harness's row too
        String harness = table.lines().filter(line -> line.startsWith("| " + ThreadCpu.HARNESS + " |"))
            .findFirst().orElseThrow();
        assertThat(Double.parseDouble(harness.split("\\|")[2].strip())).isGreaterThanOrEqualTo(200.0);
    }

    private static Measurement calls(int count) {
        Histogram latencies = new Histogram(3);
        for (int i = 0; i < count; i++) {
            latencies.recordValue(1_000_000);
        }
        return new Measurement(latencies, Map.of(), TimeUnit.SECONDS.toNanos(1), OptionalLong.empty());
    }

    /** A thread that spins until it has used that much CPU, then stays alive (so its CPU can still be read) until closed. */
    private record Burner(Thread thread, CountDownLatch release) implements AutoCloseable {

        static Burner start(String name, long millis) throws InterruptedException {
            CountDownLatch burnt = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread thread = new Thread(() -> {
                // the thread's own CPU time, not the clock: on a busy machine it may wait for a core
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long until = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                while (threads.getCurrentThreadCpuTime() < until) {
                    Thread.onSpinWait();
                }
                burnt.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }, name);
            thread.start();
            assertThat(burnt.await(30, TimeUnit.SECONDS)).isTrue();
            return new Burner(thread, release);
        }

        @Override
        public void close() throws InterruptedException {
            this.release.countDown();
            this.thread.join();
        }
    }
}
