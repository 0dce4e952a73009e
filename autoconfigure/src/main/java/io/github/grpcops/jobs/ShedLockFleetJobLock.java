package io.github.grpcops.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * Job leases from the application's ShedLock {@link LockProvider}, for applications that already
 * coordinate their own scheduled jobs with it: each job is locked for at least its interval and at
 * most its max run time, under the name {@code <table prefix>:<job>}.
 */
class ShedLockFleetJobLock implements FleetJobLock {

    private final LockProvider locks;

    private final String namePrefix;

    public ShedLockFleetJobLock(LockProvider locks, String namePrefix) {
        this.locks = locks;
        this.namePrefix = namePrefix;
    }

    @Override
    public boolean runIfDue(String name, Duration interval, Duration maxRunTime, Runnable job) {
        Optional<SimpleLock> lock = this.locks.lock(new LockConfiguration(Instant.now(), this.namePrefix + ":" + name,
                JdbcFleetJobLock.longest(interval, maxRunTime), interval));
        if (lock.isEmpty()) {
            return false;
        }
        try {
            job.run();
        }
        finally {
            lock.get().unlock();
        }
        return true;
    }
}
