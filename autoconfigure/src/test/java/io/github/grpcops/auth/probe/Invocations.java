package io.github.grpcops.auth.probe;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts every entry into probe service code, to prove rejected calls never reached it. */
public class Invocations {

    private final AtomicInteger count = new AtomicInteger();

    void hit() {
        this.count.incrementAndGet();
    }

    public int count() {
        return this.count.get();
    }

    public void reset() {
        this.count.set(0);
    }
}
