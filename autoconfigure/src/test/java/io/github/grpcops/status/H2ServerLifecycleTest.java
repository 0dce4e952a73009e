package io.github.grpcops.status;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.grpcops.lifecycle.GrpcOpsThreads;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On H2, in memory but kept for the whole JVM so it outlives the contexts. */
class H2ServerLifecycleTest extends ServerLifecycleTestBase {

    @Override
    String[] database() {
        return new String[] { "jdbc:h2:mem:status-lifecycle;DB_CLOSE_DELAY=-1", "sa", "" };
    }

    /**
     * Threads are compared with those running before the context (cached test contexts have theirs);
     * the database plays no part, so this runs on H2 only.
     */
    @Test
    void grpcOpsThreadsStartOnlyOnceEveryBeanIsCreatedAndEndWithTheContext() {
        Set<Thread> before = grpcOpsThreads();
        ConfigurableApplicationContext context = start(ThreadsOnceBeansAreCreated.class);
        Set<Thread> duringCreation = context.getBean(ThreadsOnceBeansAreCreated.class).threads;
        Set<Thread> started = grpcOpsThreads();
        started.removeAll(before);

        context.close();

        assertThat(names(duringCreation, before)).isEmpty();
        assertThat(names(started, Set.of())).contains("grpc-ops-request-log-writer-1", "grpc-ops-status-1",
                "grpc-ops-api-key-usage-1", "grpc-ops-request-log-purge-1", "grpc-ops-request-stats-1");
        await().untilAsserted(() -> assertThat(started).noneMatch(Thread::isAlive));
    }

    private static Set<Thread> grpcOpsThreads() {
        return Thread.getAllStackTraces()
            .keySet()
            .stream()
            .filter(thread -> thread.getName().startsWith(GrpcOpsThreads.PREFIX))
            .collect(Collectors.toSet());
    }

    private static List<String> names(Set<Thread> threads, Set<Thread> except) {
        return threads.stream().filter(thread -> !except.contains(thread)).map(Thread::getName).sorted().toList();
    }

    /** Looks at the threads when every singleton has been created, before any lifecycle starts. */
    static class ThreadsOnceBeansAreCreated implements SmartInitializingSingleton {

        volatile Set<Thread> threads;

        @Override
        public void afterSingletonsInstantiated() {
            this.threads = grpcOpsThreads();
        }
    }
}
