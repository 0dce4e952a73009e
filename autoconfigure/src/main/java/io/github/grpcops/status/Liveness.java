package io.github.grpcops.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How an instance looks from the outside: what its row says, except that a starting, running or
 * stopping instance whose last heartbeat is older than {@code grpc.status.stale-after} is
 * {@code unreachable}, whatever its row says (it was killed, hangs, or lost the database).
 */
public enum Liveness {

    STARTING, RUNNING, STOPPING, STOPPED, ERROR, UNREACHABLE;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The liveness of a row that says {@code status} and was last refreshed at {@code lastHeartbeat}. */
    public static Liveness of(String status, Instant lastHeartbeat, Instant now, Duration staleAfter) {
        Liveness stated;
        try {
            stated = valueOf(status.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            return UNREACHABLE;
        }
        boolean expectsHeartbeats = stated == STARTING || stated == RUNNING || stated == STOPPING;
        boolean stale = lastHeartbeat == null || lastHeartbeat.plus(staleAfter).isBefore(now);
        return (expectsHeartbeats && stale) ? UNREACHABLE : stated;
    }
}
