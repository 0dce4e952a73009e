package io.github.grpcops.errors;

import java.util.LinkedHashMap;
import java.util.Map;

import io.grpc.Status;

/**
 * Maps exceptions by class name, the exception's own class or its nearest superclass in the table
 * winning. Names rather than classes, so a table may mention optional libraries (Spring Data, JPA,
 * Spring Security) without loading them; messages are generic because the exceptions' own texts carry
 * SQL, entity names or ids.
 */
class ExceptionTypeMapper implements GrpcExceptionMapper {

    private final Map<String, GrpcError> errors;

    private final int order;

    private ExceptionTypeMapper(Map<String, GrpcError> errors, int order) {
        this.errors = Map.copyOf(errors);
        this.order = order;
    }

    /** Starts a table: add rules with {@link Builder#map}. */
    public static Builder builder(int order) {
        return new Builder(order);
    }

    @Override
    public GrpcError map(Throwable exception) {
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            GrpcError error = this.errors.get(type.getName());
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return this.order;
    }

    /** Collects rules in the order they are added. */
    public static final class Builder {

        private final Map<String, GrpcError> errors = new LinkedHashMap<>();

        private final int order;

        private Builder(int order) {
            this.order = order;
        }

        /** {@code className} and its subclasses map to {@code code} with a generic message. */
        public Builder map(String className, Status.Code code, String reason) {
            return map(className, GrpcError.of(code, GrpcError.genericMessage(code), reason));
        }

        /** {@code className} and its subclasses map to {@code error}. */
        public Builder map(String className, GrpcError error) {
            this.errors.put(className, error);
            return this;
        }

        public ExceptionTypeMapper build() {
            return new ExceptionTypeMapper(this.errors, this.order);
        }
    }
}
