package io.github.grpcops.errors;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.CallRefuser.StatusAndTrailers;
import io.github.grpcops.pipeline.Refusal;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * The ordered table of {@link GrpcExceptionMapper}s, and the translation of its answer into what goes
 * on the wire, built by the same {@link CallRefuser} code as grpc-ops' own refusals: a {@link Status}
 * and trailers carrying a {@code google.rpc.Status} in {@code grpc-status-details-bin} with an
 * {@code ErrorInfo} (reason, domain, request id) and, for field violations, a {@code BadRequest}. An
 * exception no mapper handles becomes {@code INTERNAL} with a generic message and the request id, never
 * its own text.
 */
public class GrpcErrorMapper {

    /** Causes looked at below the thrown exception; guards against cyclic cause chains. */
    static final int MAX_CAUSE_DEPTH = 8;

    static final String INTERNAL_REASON = "INTERNAL_ERROR";

    private final List<GrpcExceptionMapper> mappers;

    private final CallRefuser answers;

    /**
     * @param mappers in the order they are asked
     * @param domain the {@code ErrorInfo} domain
     */
    public GrpcErrorMapper(List<GrpcExceptionMapper> mappers, String domain) {
        this.mappers = List.copyOf(mappers);
        this.answers = new CallRefuser(domain);
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
        List<Message> details = new ArrayList<>();
        if (!error.violations().isEmpty()) {
            details.add(BadRequest.newBuilder().addAllFieldViolations(error.violations()).build());
        }
        details.addAll(error.details());
        return this.answers.answer(new Refusal(error.code(), message, error.reason(), details, error.trailers()),
                requestId);
    }

    /**
     * Adds an {@code ErrorInfo} detail to an error status that service code sent without details, so
     * every error the client sees carries one.
     */
    public void addDetailsIfAbsent(Status status, Metadata trailers, String requestId) {
        this.answers.addDetailsIfAbsent(status, trailers, requestId);
    }
}
