package io.github.grpcops.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CallWorkerPoolTest {

    private static final Duration KEEP_ALIVE = Duration.ofMillis(300);

    private final CallWorkerPool pool = new CallWorkerPool(3, Thread::new, KEEP_ALIVE);

    @AfterEach
    void shutDown() {
        this.pool.shutdownNow();
    }

    @Test
    void tasksOneAfterAnotherRunOnOneThread() {
        Set<Thread> threads = runOneAfterAnother(20, Duration.ZERO);
        assertThat(threads).hasSize(1);
        assertThat(this.pool.getLargestPoolSize()).isEqualTo(1);
    }

    @Test
    void startsThreadsWhileAllAreBusyUpToTheMostThenQueuesAndRunsEveryTask() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = runBlocked(5, release);
        assertThat(this.pool.getPoolSize()).isEqualTo(3);
        assertThat(this.pool.getQueue()).hasSize(2);
        release.countDown();
        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Idle workers that took turns would each get a task well within the keep-alive and never end. */
    @Test
    void theLastIdleWorkerTakesTheNextTaskSoTheOthersEnd() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = runBlocked(3, release);
        release.countDown();
        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(this.pool.getPoolSize()).isEqualTo(3);
        Set<Thread> threads = runOneAfterAnother(30, KEEP_ALIVE.dividedBy(6));
        assertThat(threads).hasSize(1);
        assertThat(this.pool.getPoolSize()).isEqualTo(1);
    }

    @Test
    void refusesTasksOnceShutDown() {
        this.pool.shutdown();
        assertThatThrownBy(() -> this.pool.execute(() -> {
        })).isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
    }

    /** Runs {@code count} tasks, each once the previous one's worker waits idle again, {@code pause} apart. */
    private Set<Thread> runOneAfterAnother(int count, Duration pause) {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        long before = this.pool.getCompletedTaskCount();
        for (int i = 1; i <= count; i++) {
            this.pool.execute(() -> threads.add(Thread.currentThread()));
            long done = before + i;
            await().atMost(Duration.ofSeconds(5)).until(() -> this.pool.getCompletedTaskCount() == done
                    && threads.stream().allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING));
            sleep(pause);
        }
        return threads;
    }

    /** Starts {@code count} tasks that wait for {@code release}; the latch returned counts them finishing. */
    private CountDownLatch runBlocked(int count, CountDownLatch release) {
        CountDownLatch finished = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            this.pool.execute(() -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finished.countDown();
            });
        }
        return finished;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
