package io.github.grpcops.pipeline;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;

/**
 * The one way grpc-ops ends a call with an error of its own (authentication, rate limiting, overload,
 * the request guard, read-only services), whether error mapping is on or off: the status, plus trailers
 * carrying a {@code google.rpc.Status} in {@code grpc-status-details-bin} with an {@code ErrorInfo}
 * (reason, domain, metadata {@code requestId} from the {@link CallFacts}) and the refusal's extra details.
 * Error mapping builds the details of mapped exceptions here too, so every error a client gets has the
 * same shape. Clients read them with {@code StatusProto.fromThrowable(ex)}.
 */
public final class CallRefuser {

    /** Where grpc-java clients look for a {@code google.rpc.Status}. */
    public static final Metadata.Key<com.google.rpc.Status> DETAILS_KEY = Metadata.Key.of("grpc-status-details-bin",
            ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

    private final String domain;

    /** @param domain the {@code ErrorInfo} domain: {@code grpc.errors.domain}, else the application's name */
    public CallRefuser(String domain) {
        this.domain = domain;
    }

    public String domain() {
        return this.domain;
    }

    /** Ends {@code call} before it reaches the service; returns its (idle) listener. */
    public <ReqT> ServerCall.Listener<ReqT> refuse(ServerCall<ReqT, ?> call, Metadata headers, Refusal refusal) {
        close(call, headers, refusal);
        return new ServerCall.Listener<>() {
        };
    }

    /**
     * Ends a call already started (a request message failed a check); the caller stops passing on its
     * callbacks. Call it in a callback of the call, where its context is current.
     */
    public void close(ServerCall<?, ?> call, Metadata headers, Refusal refusal) {
        StatusAndTrailers answer = answer(refusal, CallFacts.of(call, headers).requestId());
        call.close(answer.status(), answer.trailers());
    }

    /** The status and trailers that tell the client of {@code refusal}. */
    public StatusAndTrailers answer(Refusal refusal, String requestId) {
        Metadata trailers = refusal.trailers();
        if (!trailers.containsKey(DETAILS_KEY)) {
            trailers.put(DETAILS_KEY, details(refusal, requestId));
        }
        return new StatusAndTrailers(refusal.status(), trailers);
    }

    /**
     * Adds an {@code ErrorInfo} (reason: the code's name) to an error status sent without details, so
     * every error the client sees carries one.
     */
    public void addDetailsIfAbsent(Status status, Metadata trailers, String requestId) {
        if (!status.isOk() && !trailers.containsKey(DETAILS_KEY)) {
            trailers.put(DETAILS_KEY, details(
                    Refusal.of(status.getCode(), status.getDescription(), status.getCode().name()), requestId));
        }
    }

    private com.google.rpc.Status details(Refusal refusal, String requestId) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(refusal.reason()).setDomain(this.domain);
        if (requestId != null) {
            info.putMetadata("requestId", requestId);
        }
        com.google.rpc.Status.Builder details = com.google.rpc.Status.newBuilder()
            .setCode(refusal.code().value())
            .setMessage((refusal.message() != null) ? refusal.message() : "")
            .addDetails(Any.pack(info.build()));
        for (Message detail : refusal.details()) {
            details.addDetails(Any.pack(detail));
        }
        return details.build();
    }

    /** A status with the trailers to send alongside it. */
    public record StatusAndTrailers(Status status, Metadata trailers) {
    }
}
