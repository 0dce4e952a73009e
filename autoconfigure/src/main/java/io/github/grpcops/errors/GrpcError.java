package io.github.grpcops.errors;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Message;
import com.google.rpc.BadRequest.FieldViolation;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * What the client receives for an exception: a status code, a message safe to show, a machine-readable
 * reason (the {@code google.rpc.ErrorInfo} reason), optional field violations (a
 * {@code google.rpc.BadRequest} detail), optional further details ({@code google.rpc.RetryInfo} …) and
 * optional extra trailers.
 *
 * @param code the gRPC status code
 * @param message the status description; must never carry secrets or internals
 * @param reason UPPER_SNAKE_CASE reason, e.g. {@code ENTITY_NOT_FOUND}
 * @param violations field violations for {@code INVALID_ARGUMENT}, else empty
 * @param trailers trailers to send as they are (e.g. those of a thrown {@code StatusRuntimeException}), or {@code null}
 * @param details further {@code google.rpc} details sent after the {@code ErrorInfo}, e.g. a {@code RetryInfo}
 */
public record GrpcError(Status.Code code, String message, String reason, List<FieldViolation> violations,
        Metadata trailers, List<Message> details) {

    public GrpcError {
        violations = List.copyOf(violations);
        details = List.copyOf(details);
    }

    public GrpcError(Status.Code code, String message, String reason, List<FieldViolation> violations,
            Metadata trailers) {
        this(code, message, reason, violations, trailers, List.of());
    }

    public static GrpcError of(Status.Code code, String message, String reason) {
        return new GrpcError(code, message, reason, List.of(), null);
    }

    /** This error with one more detail. */
    public GrpcError withDetail(Message detail) {
        List<Message> more = new ArrayList<>(this.details);
        more.add(detail);
        return new GrpcError(this.code, this.message, this.reason, this.violations, this.trailers, more);
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
