package io.github.grpcops.auth.probe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts every entry into probe service code, to prove rejected calls never reached it, and records
 * the principal a streaming service saw when its call was cancelled under it.
 */
public class Invocations {

    private final AtomicInteger count = new AtomicInteger();

    private final List<String> cancelledSeen = new CopyOnWriteArrayList<>();

    void hit() {
        this.count.incrementAndGet();
    }

    void cancelled(String principalSeen) {
        this.cancelledSeen.add(principalSeen);
    }

    /** Principal ids ("-" for none) the service saw in {@code onError} of its cancelled calls. */
    public List<String> cancelledSeen() {
        return List.copyOf(this.cancelledSeen);
    }

    public int count() {
        return this.count.get();
    }

    public void reset() {
        this.count.set(0);
        this.cancelledSeen.clear();
    }
}
