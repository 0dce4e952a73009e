package io.github.grpcops.requestlog.rollup;

import java.time.Instant;
import java.util.Comparator;

/**
 * One row of {@code grpc_request_stats}: the calls of one service method that ended with one status
 * and gRPC code and started within one bucket (a minute or an hour, UTC).
 *
 * @param resolution the bucket's length
 * @param bucketStart the bucket's start
 * @param service {@code package.Service}
 * @param method {@code Method}
 * @param status {@code success}, {@code error}, {@code cancelled} or {@code timeout}
 * @param grpcStatus the status code name
 */
public record RollupKey(Resolution resolution, Instant bucketStart, String service, String method, String status,
        String grpcStatus) implements Comparable<RollupKey> {

    static final String UNKNOWN = "unknown";

    /** The primary key's column order: rows are locked in this order by every instance, so none deadlock. */
    private static final Comparator<RollupKey> ORDER = Comparator.comparing(RollupKey::resolution)
        .thenComparing(RollupKey::bucketStart)
        .thenComparing(RollupKey::service)
        .thenComparing(RollupKey::method)
        .thenComparing(RollupKey::status)
        .thenComparing(RollupKey::grpcStatus);

    /** The minute row of a call. */
    static RollupKey minuteOf(CallFigures call) {
        return new RollupKey(Resolution.MINUTE, Resolution.MINUTE.bucketOf(call.createdAt()), name(call.service()),
                name(call.method()), name(call.status()), name(call.grpcStatus()));
    }

    /** A missing name (only a writer of one's own hands such over) is "unknown". */
    private static String name(String value) {
        return (value != null) ? value : UNKNOWN;
    }

    /** The same calls' row at {@code coarser} resolution. */
    RollupKey in(Resolution coarser) {
        return new RollupKey(coarser, coarser.bucketOf(this.bucketStart), this.service, this.method, this.status,
                this.grpcStatus);
    }

    @Override
    public int compareTo(RollupKey other) {
        return ORDER.compare(this, other);
    }
}
