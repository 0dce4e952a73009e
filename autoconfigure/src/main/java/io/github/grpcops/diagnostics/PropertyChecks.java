package io.github.grpcops.diagnostics;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * The checks grpc-ops' property setters make, so a value that cannot work stops the start with
 * {@link GrpcOpsConfigurationException} naming the property, instead of failing later inside a thread
 * pool or a scheduler (or silently).
 */
public final class PropertyChecks {

    private PropertyChecks() {
    }

    /** {@code value} if it is at least {@code minimum}. */
    public static int atLeast(String property, int value, int minimum) {
        if (value < minimum) {
            throw new GrpcOpsConfigurationException(property, property + " is " + value + ", but must be at least "
                    + minimum + ".", "Set " + property + " to a whole number of at least " + minimum
                    + ", or remove it for the default.");
        }
        return value;
    }

    /** {@code value} if it is longer than zero. */
    public static Duration positive(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new GrpcOpsConfigurationException(property, property + " is " + print(value)
                    + ", but must be a duration longer than zero.", "Set " + property
                    + " to a duration such as 500ms, 30s or 5m, or remove it for the default.");
        }
        return value;
    }

    /** {@code value} if it is zero or longer. */
    public static Duration notNegative(String property, Duration value) {
        if (value == null || value.isNegative()) {
            throw new GrpcOpsConfigurationException(property, property + " is " + print(value)
                    + ", but must be zero or longer.", "Set " + property
                    + " to a duration such as 0s, 30s or 5m, or remove it for the default.");
        }
        return value;
    }

    /** {@code value} if it is larger than zero. */
    public static DataSize positive(String property, DataSize value) {
        if (value == null || value.isNegative() || value.toBytes() == 0) {
            throw new GrpcOpsConfigurationException(property, property + " is " + value
                    + ", but must be a size larger than zero.", "Set " + property
                    + " to a size such as 512B, 4KB or 1MB, or remove it for the default.");
        }
        return value;
    }

    private static String print(Duration value) {
        if (value == null) {
            return "empty";
        }
        return (value.toMillis() % 1000 == 0) ? value.toSeconds() + "s" : value.toMillis() + "ms";
    }
}
