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

    private final CallWorkerPool pool = new CallWorkerPool(3, Thread::new);

    @AfterEach
    void shutDown() {
        this.pool.shutdownNow();
    }

    @Test
    void tasksOneAfterAnotherRunOnOneThread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        for (int i = 1; i <= 20; i++) {
            this.pool.execute(() -> threads.add(Thread.currentThread()));
            long done = i;
            await().atMost(Duration.ofSeconds(5)).until(() -> this.pool.getCompletedTaskCount() == done);
        }
        assertThat(threads).hasSize(1);
        assertThat(this.pool.getLargestPoolSize()).isEqualTo(1);
    }

    @Test
    void startsThreadsWhileAllAreBusyUpToTheMostThenQueuesAndRunsEveryTask() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            this.pool.execute(() -> {
                awaitQuietly(release);
                finished.countDown();
            });
        }
        assertThat(this.pool.getPoolSize()).isEqualTo(3);
        assertThat(this.pool.getQueue()).hasSize(2);
        release.countDown();
        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(this.pool.getLargestPoolSize()).isEqualTo(3);
    }

    @Test
    void refusesTasksOnceShutDown() {
        this.pool.shutdown();
        assertThatThrownBy(() -> this.pool.execute(() -> {
        })).isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
