package io.github.grpcops.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A small bounded cache whose entries each carry their own expiry: lock-free reads, and when full,
 * expired entries go first, then arbitrary ones. Enough for credential lookups, where a miss only
 * costs a re-verification.
 */
public final class ExpiringCache<K, V> {

    private final int maxSize;

    private final Clock clock;

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public ExpiringCache(int maxSize, Clock clock) {
        this.maxSize = maxSize;
        this.clock = clock;
    }

    /** The live value for {@code key}, or {@code null} when absent or expired. */
    public V get(K key) {
        Entry<V> entry = this.entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!this.clock.instant().isBefore(entry.expiresAt())) {
            this.entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    public void put(K key, V value, Instant expiresAt) {
        if (this.maxSize <= 0 || !this.clock.instant().isBefore(expiresAt)) {
            return;
        }
        if (this.entries.size() >= this.maxSize) {
            evict();
        }
        this.entries.put(key, new Entry<>(value, expiresAt));
    }

    public void remove(K key) {
        this.entries.remove(key);
    }

    public void removeIf(Predicate<V> predicate) {
        this.entries.values().removeIf(entry -> predicate.test(entry.value()));
    }

    public int size() {
        return this.entries.size();
    }

    private void evict() {
        Instant now = this.clock.instant();
        this.entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        // Still full of live entries: drop a tenth, whichever the iterator yields first.
        Iterator<K> keys = this.entries.keySet().iterator();
        for (int excess = this.entries.size() - this.maxSize + Math.max(1, this.maxSize / 10); excess > 0
                && keys.hasNext(); excess--) {
            keys.next();
            keys.remove();
        }
    }

    private record Entry<V>(V value, Instant expiresAt) {
    }
}
