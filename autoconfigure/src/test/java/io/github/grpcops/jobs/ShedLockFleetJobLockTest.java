package io.github.grpcops.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a ShedLock {@link LockProvider} in the application, grpc-ops' jobs take their locks from it
 * (locked at least for the job's interval, named under the table prefix); without one, or without
 * ShedLock on the class path, from grpc-ops' own job table; a lock of the application's own wins.
 */
class ShedLockFleetJobLockTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FleetJobsAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:shedlock;DB_CLOSE_DELAY=-1");

    @Test
    void jobsAreLockedThroughTheApplicationsLockProvider() {
        this.runner.withUserConfiguration(Locks.class).run(context -> {
            FleetJobLock lock = context.getBean(FleetJobLock.class);
            assertThat(lock).isInstanceOf(ShedLockFleetJobLock.class);
            RecordingLockProvider provider = context.getBean(RecordingLockProvider.class);
            List<String> ran = new ArrayList<>();
            assertThat(lock.runIfDue("request-log-purge", Duration.ofHours(1), Duration.ofMinutes(10),
                    () -> ran.add("purge"))).isTrue();
            provider.free = false;
            assertThat(lock.runIfDue("request-log-purge", Duration.ofHours(1), Duration.ofMinutes(10),
                    () -> ran.add("again"))).isFalse();
            assertThat(ran).containsExactly("purge");
            LockConfiguration asked = provider.asked.get(0);
            assertThat(asked.getName()).isEqualTo("grpc_ops:request-log-purge");
            assertThat(asked.getLockAtLeastFor()).isEqualTo(Duration.ofHours(1));
            assertThat(asked.getLockAtMostFor()).isEqualTo(Duration.ofHours(1));
            assertThat(provider.unlocked).isEqualTo(1);
        });
    }

    @Test
    void withoutALockProviderJobsUseTheJobTable() {
        this.runner.run(context -> assertThat(context.getBean(FleetJobLock.class)).isInstanceOf(JdbcFleetJobLock.class));
        this.runner.withUserConfiguration(Locks.class)
            .withClassLoader(new FilteredClassLoader(LockProvider.class))
            .run(context -> assertThat(context.getBean(FleetJobLock.class)).isInstanceOf(JdbcFleetJobLock.class));
    }

    @Test
    void aLockOfTheApplicationsOwnWins() {
        this.runner.withBean(FleetJobLock.class, () -> FleetJobLock.LOCAL)
            .run(context -> assertThat(context.getBean(FleetJobLock.class)).isSameAs(FleetJobLock.LOCAL));
    }

    @Configuration(proxyBeanMethods = false)
    static class Locks {

        @Bean
        RecordingLockProvider lockProvider() {
            return new RecordingLockProvider();
        }
    }

    /** A lock provider that grants while {@code free}, and records what it was asked. */
    static class RecordingLockProvider implements LockProvider {

        final List<LockConfiguration> asked = new ArrayList<>();

        boolean free = true;

        int unlocked;

        @Override
        public Optional<SimpleLock> lock(LockConfiguration configuration) {
            this.asked.add(configuration);
            return this.free ? Optional.of(() -> this.unlocked++) : Optional.empty();
        }
    }
}
