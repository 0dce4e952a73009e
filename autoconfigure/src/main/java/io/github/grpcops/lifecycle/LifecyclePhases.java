package io.github.grpcops.lifecycle;

import org.springframework.context.SmartLifecycle;

/**
 * The {@link SmartLifecycle} phases of grpc-ops' own work. Spring starts lower phases first and stops
 * higher phases first. The gRPC server's lifecycle ({@code GrpcServerLifecycle} of the integration the
 * server adapter plugs into, Spring gRPC's too) is in phase {@link #GRPC_SERVER}, so everything here
 * starts before the server takes its first call and stops after it has stopped taking calls and let
 * running ones finish (its {@code grpc.server.shutdown-grace-period}). Spring Boot's web server stops
 * later (phases {@code DEFAULT_PHASE - 1024} and {@code - 2048}): Actuator answers until all of it has
 * stopped.
 *
 * <p>On shutdown, in this order: the worker pool finishes the calls it still runs, then the request log
 * writes the rows those last calls queued, then the request statistics add their figures, then the
 * status row says {@code stopped} (so a stopped instance has written all its rows), then API-key use
 * is written, then the periodic jobs stop. The gaps of 100 leave room for an application's own work
 * between two of them.
 */
public final class LifecyclePhases {

    /** The gRPC server's phase: it starts last and stops first. */
    public static final int GRPC_SERVER = Integer.MAX_VALUE;

    /** The bounded worker pool: drains after the server, since calls still running need it to finish. */
    public static final int CALL_WORKERS = GRPC_SERVER - 100;

    /** The request-log writer: flushes after the workers, since every finished call has queued its row. */
    public static final int REQUEST_LOG_WRITER = GRPC_SERVER - 200;

    /** The request statistics (rollups): their last flush counts the rows the writer has just written. */
    public static final int REQUEST_STATS = GRPC_SERVER - 250;

    /** The status row: {@code stopped} once the request log has been written. */
    public static final int SERVER_STATUS = GRPC_SERVER - 300;

    /** API-key use counts: written last of the call-driven work, when no call can add to them. */
    public static final int API_KEY_USAGE = GRPC_SERVER - 400;

    /** Periodic clean-up jobs (request-log retention, rate-limit buckets): nothing waits for them. */
    public static final int JOBS = GRPC_SERVER - 500;

    private LifecyclePhases() {
    }
}
