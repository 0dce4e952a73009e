package io.github.grpcops.errors;

import java.util.List;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/**
 * Lets a {@link StatusRuntimeException} or {@link StatusException} through unchanged: its code,
 * description and trailers are what service code chose to send. Asked before every other mapper.
 */
class StatusExceptionMapper implements GrpcExceptionMapper {

    @Override
    public GrpcError map(Throwable exception) {
        if (exception instanceof StatusRuntimeException sre) {
            return passThrough(sre.getStatus(), sre.getTrailers());
        }
        if (exception instanceof StatusException se) {
            return passThrough(se.getStatus(), se.getTrailers());
        }
        return null;
    }

    private static GrpcError passThrough(Status status, Metadata trailers) {
        return new GrpcError(status.getCode(), status.getDescription(), status.getCode().name(), List.of(),
                (trailers != null) ? trailers : new Metadata());
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
