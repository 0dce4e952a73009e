package io.github.grpcops.errors;

import io.grpc.Status;

/**
 * {@link IllegalArgumentException} to {@code INVALID_ARGUMENT}. By Java convention its message
 * explains what was wrong with the argument, so it is sent (shortened) unless
 * {@code grpc.errors.expose-invalid-argument-messages=false}.
 */
public class IllegalArgumentExceptionMapper implements GrpcExceptionMapper {

    static final int MAX_MESSAGE_LENGTH = 200;

    private final boolean exposeMessage;

    public IllegalArgumentExceptionMapper(boolean exposeMessage) {
        this.exposeMessage = exposeMessage;
    }

    @Override
    public GrpcError map(Throwable exception) {
        if (!(exception instanceof IllegalArgumentException)) {
            return null;
        }
        String message = exception.getMessage();
        if (!this.exposeMessage || message == null || message.isBlank()) {
            message = GrpcError.genericMessage(Status.Code.INVALID_ARGUMENT);
        }
        else if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH) + "…";
        }
        return GrpcError.of(Status.Code.INVALID_ARGUMENT, message, "INVALID_ARGUMENT");
    }

    @Override
    public int getOrder() {
        return BUILT_IN_ORDER;
    }
}
