package io.github.grpcops.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CallWorkerPoolTest {

    private CallWorkerPool pool = new CallWorkerPool(3, Thread::new);

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
        CountDownLatch finished = runBlocked(5, release, ConcurrentHashMap.newKeySet());
        assertThat(this.pool.getPoolSize()).isEqualTo(3);
        assertThat(this.pool.getQueue()).hasSize(2);
        release.countDown();
        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Tasks a tenth of the keep-alive apart: taking turns, each of three idle workers would get one every
     * three tenths and none would end; the last idle one takes them all and the other two end.
     */
    @Test
    void theLastIdleWorkerTakesTheNextTaskSoTheOthersEnd() throws InterruptedException {
        Duration keepAlive = Duration.ofSeconds(1);
        this.pool.shutdownNow();
        this.pool = new CallWorkerPool(3, Thread::new, keepAlive);
        idleWorkers(3);
        Set<Thread> threads = runOneAfterAnother(20, keepAlive.dividedBy(10));
        assertThat(threads).hasSize(1);
        soon().until(() -> this.pool.getPoolSize() == 1);
    }

    /** Many submitters, workers timing out every millisecond: no task lost or run twice. */
    @Test
    void everyTaskRunsOnceWhileWorkersComeAndGo() throws InterruptedException {
        this.pool.shutdownNow();
        this.pool = new CallWorkerPool(3, Thread::new, Duration.ofMillis(1));
        AtomicInteger runs = new AtomicInteger();
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            Thread submitter = new Thread(() -> {
                for (int i = 0; i < 12_500; i++) {
                    this.pool.execute(runs::incrementAndGet);
                }
            });
            submitter.start();
            submitters.add(submitter);
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }
        soon().atMost(Duration.ofSeconds(20)).until(() -> this.pool.getCompletedTaskCount() == 50_000);
        assertThat(runs).hasValue(50_000);
    }

    @Test
    void shutdownEndsIdleWorkers() throws InterruptedException {
        idleWorkers(3);
        this.pool.shutdown();
        assertThat(this.pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void refusesTasksOnceShutDown() {
        this.pool.shutdown();
        assertThatThrownBy(() -> this.pool.execute(() -> {
        })).isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
    }

    /** Starts {@code count} workers at once, then waits until every one of them is idle. */
    private void idleWorkers(int count) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch finished = runBlocked(count, release, threads);
        release.countDown();
        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        soon().until(() -> allIdle(threads));
        assertThat(this.pool.getPoolSize()).isEqualTo(count);
    }

    /** Runs {@code count} tasks, each once the previous one's worker is idle again, then {@code pause} later. */
    private Set<Thread> runOneAfterAnother(int count, Duration pause) {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        long before = this.pool.getCompletedTaskCount();
        for (int i = 1; i <= count; i++) {
            this.pool.execute(() -> threads.add(Thread.currentThread()));
            long done = before + i;
            soon().until(() -> this.pool.getCompletedTaskCount() == done && allIdle(threads));
            sleep(pause);
        }
        return threads;
    }

    /** Starts {@code count} tasks that record their thread and wait for {@code release}; counts them finishing. */
    private CountDownLatch runBlocked(int count, CountDownLatch release, Set<Thread> threads) {
        CountDownLatch finished = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            this.pool.execute(() -> {
                threads.add(Thread.currentThread());
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

    /** Parked waiting for a task: the pool's workers wait nowhere else. */
    private static boolean allIdle(Set<Thread> threads) {
        return threads.stream().allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING);
    }

    private static ConditionFactory soon() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5));
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
