package io.github.grpcops.requestlog.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The bucket lengths of {@code grpc_request_stats}: minute rows for recent detail, hour rows for long windows. */
public enum Resolution {

    MINUTE(ChronoUnit.MINUTES), HOUR(ChronoUnit.HOURS);

    private final ChronoUnit unit;

    Resolution(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The start of the bucket holding {@code at} (UTC). */
    public Instant bucketOf(Instant at) {
        return at.truncatedTo(this.unit);
    }

    public Duration length() {
        return this.unit.getDuration();
    }

    /** The value of the {@code resolution} column. */
    public String columnValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Resolution ofColumnValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
