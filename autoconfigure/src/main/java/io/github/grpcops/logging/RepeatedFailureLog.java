package io.github.grpcops.logging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs a failure that repeats (a database outage answered call after call, a flood of malformed frames)
 * once per interval instead of once per occurrence: the first of a kind is logged at once, the ones
 * after it within the interval are only counted, and the first one after the interval is logged with
 * that count ({@code [41 more like it in the last 1m]}). Never a stack trace: the message says what
 * happened. A kind is its key with digits blurred, so a size or a port in it does not make a new kind;
 * at most {@value #MAX_KINDS} kinds are told apart, further ones share one.
 */
public final class RepeatedFailureLog {

    /** Default interval: a minute of a failure costs one line. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    static final int MAX_KINDS = 64;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final Logger log;

    private final long intervalNanos;

    private final String intervalText;

    private final LongSupplier nanoTime;

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    public RepeatedFailureLog(Logger log) {
        this(log, DEFAULT_INTERVAL, System::nanoTime);
    }

    RepeatedFailureLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.intervalText = text(interval);
        this.nanoTime = nanoTime;
    }

    /**
     * Reports one occurrence of the failure {@code key}; logs {@code message} at {@code level} when it is
     * the first of its kind in an interval.
     * @return whether a line was written
     */
    public boolean report(Level level, String key, Supplier<String> message) {
        if (!this.log.isEnabledForLevel(level)) {
            return false;
        }
        Kind kind = kind(key);
        long suppressed = kind.occurred(this.nanoTime.getAsLong(), this.intervalNanos);
        if (suppressed < 0) {
            return false;
        }
        String line = message.get();
        this.log.atLevel(level)
            .log((suppressed > 0) ? line + " [" + suppressed + " more like it in the last " + this.intervalText + "]"
                    : line);
        return true;
    }

    /** Forgets every kind, so the next occurrence of any is logged at once (a new outage, say). */
    public void forget() {
        this.kinds.clear();
    }

    private Kind kind(String key) {
        String blurred = DIGITS.matcher(key).replaceAll("#");
        Kind kind = this.kinds.get(blurred);
        if (kind != null) {
            return kind;
        }
        return (this.kinds.size() < MAX_KINDS) ? this.kinds.computeIfAbsent(blurred, k -> new Kind())
                : this.kinds.computeIfAbsent("(other)", k -> new Kind());
    }

    private static String text(Duration interval) {
        return interval.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** When a kind was last logged and how many occurred since. */
    private static final class Kind {

        private boolean logged;

        private long loggedAt;

        private long suppressed;

        /** -1 when this occurrence is only counted, else how many were counted since the last line. */
        synchronized long occurred(long now, long interval) {
            if (this.logged && now - this.loggedAt < interval) {
                this.suppressed++;
                return -1;
            }
            long before = this.suppressed;
            this.logged = true;
            this.loggedAt = now;
            this.suppressed = 0;
            return before;
        }
    }
}
