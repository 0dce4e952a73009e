package io.github.grpcops.requestlog.rollup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-minute figures of calls not yet written to {@code grpc_request_stats}, keyed by service,
 * method, status and gRPC code. Memory grows with the keys and minutes seen, never with the calls.
 * Not thread-safe: one thread owns it at a time.
 */
public final class RollupAccumulator {

    private final Map<RollupKey, RollupFigures> minutes = new HashMap<>();

    public void record(CallFigures call) {
        this.minutes.computeIfAbsent(RollupKey.minuteOf(call), key -> new RollupFigures()).record(call);
    }

    /** Moves everything {@code other} holds into this one; {@code other} is left empty. */
    public void takeAll(RollupAccumulator other) {
        other.minutes.forEach((key, figures) -> {
            RollupFigures mine = this.minutes.putIfAbsent(key, figures);
            if (mine != null) {
                mine.add(figures);
            }
        });
        other.minutes.clear();
    }

    public boolean isEmpty() {
        return this.minutes.isEmpty();
    }

    /** Keys (minute rows and the rows of the same calls by hour) held. */
    public int size() {
        return this.minutes.size();
    }

    /** The rows to add to the table: each minute row and the hour rows they sum to, in lock order. */
    public SortedMap<RollupKey, RollupFigures> rows() {
        SortedMap<RollupKey, RollupFigures> rows = new TreeMap<>(this.minutes);
        this.minutes.forEach((key, figures) -> rows
            .computeIfAbsent(key.in(Resolution.HOUR), hour -> new RollupFigures())
            .add(figures));
        return rows;
    }

    public void clear() {
        this.minutes.clear();
    }

    /** Drops the oldest minutes until at most {@code maxKeys} keys are left; returns the calls dropped. */
    public long dropOldestBeyond(int maxKeys) {
        if (this.minutes.size() <= maxKeys) {
            return 0;
        }
        List<RollupKey> oldestFirst = new ArrayList<>(this.minutes.keySet());
        oldestFirst.sort(Comparator.comparing(RollupKey::bucketStart));
        long calls = 0;
        for (RollupKey key : oldestFirst.subList(0, this.minutes.size() - maxKeys)) {
            calls += this.minutes.remove(key).calls();
        }
        return calls;
    }
}
