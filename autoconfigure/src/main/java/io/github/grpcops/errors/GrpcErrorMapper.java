package io.github.grpcops.errors;

import java.util.List;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;

/**
 * The ordered table of {@link GrpcExceptionMapper}s, and the translation of its answer into what goes
 * on the wire: a {@link Status} and trailers carrying a {@code google.rpc.Status} in
 * {@code grpc-status-details-bin} with an {@code ErrorInfo} (reason, domain, request id) and, for
 * field violations, a {@code BadRequest}. An exception no mapper handles becomes {@code INTERNAL}
 * with a generic message and the request id, never its own text.
 */
public class GrpcErrorMapper {

    /** Causes looked at below the thrown exception; guards against cyclic cause chains. */
    static final int MAX_CAUSE_DEPTH = 8;

    static final String INTERNAL_REASON = "INTERNAL_ERROR";

    private static final Metadata.Key<com.google.rpc.Status> DETAILS_KEY = Metadata.Key.of("grpc-status-details-bin",
            ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

    private final List<GrpcExceptionMapper> mappers;

    private final String domain;

    /**
     * @param mappers in the order they are asked
     * @param domain the {@code ErrorInfo} domain
     */
    public GrpcErrorMapper(List<GrpcExceptionMapper> mappers, String domain) {
        this.mappers = List.copyOf(mappers);
        this.domain = domain;
    }

    /** What the mappers answer for {@code exception} or one of its causes; {@code INTERNAL} when none does. */
    public GrpcError resolve(Throwable exception) {
        Throwable current = exception;
        for (int depth = 0; current != null && depth <= MAX_CAUSE_DEPTH; depth++) {
            for (GrpcExceptionMapper mapper : this.mappers) {
                GrpcError error = mapper.map(current);
                if (error != null) {
                    return error;
                }
            }
            current = (current.getCause() != current) ? current.getCause() : null;
        }
        return GrpcError.of(Status.Code.INTERNAL, GrpcError.genericMessage(Status.Code.INTERNAL), INTERNAL_REASON);
    }

    /** The status and trailers to close a call with, for an error of the call with {@code requestId}. */
    public StatusAndTrailers toStatus(GrpcError error, String requestId) {
        String message = (error.code() == Status.Code.INTERNAL && INTERNAL_REASON.equals(error.reason()))
                ? "Internal error (request id " + requestId + ")" : error.message();
        Metadata trailers = (error.trailers() != null) ? error.trailers() : new Metadata();
        Status status = Status.fromCode(error.code()).withDescription(message);
        if (!trailers.containsKey(DETAILS_KEY)) {
            trailers.put(DETAILS_KEY, details(error.code(), message, error.reason(), error.violations(), requestId));
        }
        return new StatusAndTrailers(status, trailers);
    }

    /**
     * Adds an {@code ErrorInfo} detail to an error status that service code sent without details, so
     * every error the client sees carries one.
     */
    public void addDetailsIfAbsent(Status status, Metadata trailers, String requestId) {
        if (!status.isOk() && !trailers.containsKey(DETAILS_KEY)) {
            trailers.put(DETAILS_KEY,
                    details(status.getCode(), status.getDescription(), status.getCode().name(), List.of(), requestId));
        }
    }

    private com.google.rpc.Status details(Status.Code code, String message, String reason,
            List<BadRequest.FieldViolation> violations, String requestId) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(reason).setDomain(this.domain);
        if (requestId != null) {
            info.putMetadata("requestId", requestId);
        }
        com.google.rpc.Status.Builder details = com.google.rpc.Status.newBuilder()
            .setCode(code.value())
            .setMessage((message != null) ? message : "")
            .addDetails(Any.pack(info.build()));
        if (!violations.isEmpty()) {
            details.addDetails(Any.pack(BadRequest.newBuilder().addAllFieldViolations(violations).build()));
        }
        return details.build();
    }

    /**
     * A status with the trailers to send alongside it.
     */
    public record StatusAndTrailers(Status status, Metadata trailers) {
    }
}
