package io.github.grpcops.requestlog;

import java.time.Instant;

/** How expired rows leave the request-log table: deleted in batches, or whole daily partitions dropped. */
public interface RequestLogRetention {

    /** Removes the rows of calls that started before {@code cutoff}; returns how many (estimated for partitions). */
    long purgeOlderThan(Instant cutoff);

    /**
     * Removes the oldest rows until at most {@code maxRows} are left (the cap of a database held in memory);
     * returns how many. Only the plain table supports it: a partitioned log is on PostgreSQL, never in memory.
     */
    default long purgeBeyondNewest(long maxRows) {
        return 0;
    }

    /** Prepares the table for the calls of the coming days (creates partitions ahead); nothing by default. */
    default void prepareAhead(Instant now) {
    }
}
