package io.github.grpcops.errors;

import java.util.Comparator;
import java.util.List;

import com.google.rpc.BadRequest.FieldViolation;
import io.grpc.Status;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/**
 * Bean Validation's {@link ConstraintViolationException} to {@code INVALID_ARGUMENT}, each violation
 * a {@code google.rpc.BadRequest} field violation (property path and the constraint's message, both
 * written for the caller). Rejected values are never echoed.
 */
class ConstraintViolationExceptionMapper implements GrpcExceptionMapper {

    @Override
    public GrpcError map(Throwable exception) {
        if (!(exception instanceof ConstraintViolationException cve)) {
            return null;
        }
        List<FieldViolation> violations = cve.getConstraintViolations()
            .stream()
            .map(ConstraintViolationExceptionMapper::toFieldViolation)
            .sorted(Comparator.comparing((FieldViolation v) -> v.getField()).thenComparing(v -> v.getDescription()))
            .toList();
        return new GrpcError(Status.Code.INVALID_ARGUMENT, "The request has invalid fields", "CONSTRAINT_VIOLATION",
                violations, null);
    }

    private static FieldViolation toFieldViolation(ConstraintViolation<?> violation) {
        String path = String.valueOf(violation.getPropertyPath());
        return FieldViolation.newBuilder()
            .setField(path)
            .setDescription(String.valueOf(violation.getMessage()))
            .build();
    }

    @Override
    public int getOrder() {
        return BUILT_IN_ORDER;
    }
}
