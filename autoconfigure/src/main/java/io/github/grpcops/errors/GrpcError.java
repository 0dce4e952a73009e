package io.github.grpcops.errors;

import java.util.List;

import com.google.rpc.BadRequest.FieldViolation;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * What the client receives for an exception: a status code, a message safe to show, a machine-readable
 * reason (the {@code google.rpc.ErrorInfo} reason), optional field violations (a
 * {@code google.rpc.BadRequest} detail) and optional extra trailers.
 *
 * @param code the gRPC status code
 * @param message the status description; must never carry secrets or internals
 * @param reason UPPER_SNAKE_CASE reason, e.g. {@code ENTITY_NOT_FOUND}
 * @param violations field violations for {@code INVALID_ARGUMENT}, else empty
 * @param trailers trailers to send as they are (e.g. those of a thrown {@code StatusRuntimeException}), or {@code null}
 */
public record GrpcError(Status.Code code, String message, String reason, List<FieldViolation> violations,
        Metadata trailers) {

    public GrpcError {
        violations = List.copyOf(violations);
    }

    public static GrpcError of(Status.Code code, String message, String reason) {
        return new GrpcError(code, message, reason, List.of(), null);
    }

    /** A generic message for {@code code}, for exceptions whose own text may not be shown. */
    public static String genericMessage(Status.Code code) {
        return switch (code) {
            case NOT_FOUND -> "The requested resource was not found";
            case INVALID_ARGUMENT -> "The request is invalid";
            case ALREADY_EXISTS -> "The resource already exists";
            case FAILED_PRECONDITION -> "The request conflicts with the current state";
            case ABORTED -> "The resource was modified concurrently; retry the request";
            case PERMISSION_DENIED -> "Permission denied";
            case UNAUTHENTICATED -> "Authentication required";
            case UNIMPLEMENTED -> "This operation is not implemented";
            case DEADLINE_EXCEEDED -> "The operation timed out";
            case RESOURCE_EXHAUSTED -> "Too many requests";
            case UNAVAILABLE -> "The service is temporarily unavailable";
            default -> "Internal error";
        };
    }
}
