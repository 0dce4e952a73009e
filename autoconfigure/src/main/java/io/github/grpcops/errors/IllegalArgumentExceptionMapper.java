package io.github.grpcops.errors;

import io.grpc.Status;

/**
 * {@link IllegalArgumentException} to {@code INVALID_ARGUMENT}. When application code throws it, by
 * Java convention its message explains what was wrong with the argument, so it is sent (shortened)
 * unless {@code grpc.errors.expose-invalid-argument-messages=false}. When the JDK (or a Jakarta/javax
 * library) wrote the message it is never sent, since such messages echo the input:
 * {@code NumberFormatException: For input string: "<what the caller sent>"},
 * {@code UUID.fromString}'s {@code Invalid UUID string: <input>}. "Written by the JDK" means the
 * exception's class is a JDK subclass ({@code NumberFormatException}, {@code PatternSyntaxException}
 * …) or it was thrown from a JDK frame.
 */
class IllegalArgumentExceptionMapper implements GrpcExceptionMapper {

    static final int MAX_MESSAGE_LENGTH = 200;

    private static final String[] JDK_PACKAGES = { "java.", "javax.", "jakarta.", "jdk.", "sun." };

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
        if (!this.exposeMessage || message == null || message.isBlank() || writtenByTheJdk(exception)) {
            message = GrpcError.genericMessage(Status.Code.INVALID_ARGUMENT);
        }
        else if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH) + "…";
        }
        return GrpcError.of(Status.Code.INVALID_ARGUMENT, message, "INVALID_ARGUMENT");
    }

    static boolean writtenByTheJdk(Throwable exception) {
        if (exception.getClass() != IllegalArgumentException.class && inJdk(exception.getClass().getName())) {
            return true;
        }
        StackTraceElement[] frames = exception.getStackTrace();
        return frames.length > 0 && inJdk(frames[0].getClassName());
    }

    private static boolean inJdk(String className) {
        for (String prefix : JDK_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return BUILT_IN_ORDER;
    }
}
