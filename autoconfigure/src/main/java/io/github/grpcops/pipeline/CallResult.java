package io.github.grpcops.pipeline;

import io.grpc.Status;

/**
 * The coarse result of a call, as the request log and the monitoring endpoint report it.
 */
public enum CallResult {

    SUCCESS, ERROR, CANCELLED, TIMEOUT;

    static CallResult of(CallOutcome.Ending ending, Status.Code code) {
        return switch (ending) {
            case CANCELLED -> CANCELLED;
            case DEADLINE_EXCEEDED -> TIMEOUT;
            case FAILED, MALFORMED_FRAME -> ERROR;
            case CLOSED -> of(code);
        };
    }

    /** The result of a call the client saw end with {@code code}. */
    public static CallResult of(Status.Code code) {
        return switch (code) {
            case OK -> SUCCESS;
            case CANCELLED -> CANCELLED;
            case DEADLINE_EXCEEDED -> TIMEOUT;
            default -> ERROR;
        };
    }

    /**
     * Whether a status code means the caller did something wrong (or chose to stop) rather than the
     * server failing: such calls are logged as warnings, server faults as errors.
     */
    public static boolean isClientFault(Status.Code code) {
        return switch (code) {
            case CANCELLED, INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, UNAUTHENTICATED,
                    FAILED_PRECONDITION, OUT_OF_RANGE, RESOURCE_EXHAUSTED, ABORTED, DEADLINE_EXCEEDED -> true;
            default -> false;
        };
    }
}
