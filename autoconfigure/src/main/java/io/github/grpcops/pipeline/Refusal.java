package io.github.grpcops.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Why a call is refused, as {@link CallRefuser} tells the client: a status code, a description safe to
 * show, the {@code google.rpc.ErrorInfo} reason, and optional extra details ({@code RetryInfo},
 * {@code BadRequest} …) and trailers ({@code retry-after} …).
 *
 * @param code the gRPC status code
 * @param message the status description; never secrets or internals
 * @param reason UPPER_SNAKE_CASE, e.g. {@code RATE_LIMITED}
 * @param details further {@code google.rpc} details, after the {@code ErrorInfo}
 * @param trailers trailers sent as they are; a {@code grpc-status-details-bin} among them wins over the
 *     details built here
 */
public record Refusal(Status.Code code, String message, String reason, List<Message> details, Metadata trailers) {

    /** Seconds to wait before retrying, as in HTTP's Retry-After. */
    public static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after",
            Metadata.ASCII_STRING_MARSHALLER);

    public Refusal {
        details = List.copyOf(details);
        trailers = copy(trailers);
    }

    public static Refusal of(Status.Code code, String message, String reason) {
        return new Refusal(code, message, reason, List.of(), new Metadata());
    }

    /** This refusal with one more detail. */
    public Refusal withDetail(Message detail) {
        List<Message> more = new ArrayList<>(this.details);
        more.add(detail);
        return new Refusal(this.code, this.message, this.reason, more, this.trailers);
    }

    /** This refusal with one more trailer. */
    public Refusal withTrailer(Metadata.Key<String> key, String value) {
        Metadata more = copy(this.trailers);
        more.put(key, value);
        return new Refusal(this.code, this.message, this.reason, this.details, more);
    }

    /**
     * This refusal telling the client when to retry: a {@code google.rpc.RetryInfo} detail with the exact
     * delay and a {@code retry-after} trailer in whole seconds, rounded up.
     */
    public Refusal withRetryAfter(Duration wait) {
        com.google.protobuf.Duration delay = com.google.protobuf.Duration.newBuilder()
            .setSeconds(wait.getSeconds())
            .setNanos(wait.getNano())
            .build();
        return withDetail(RetryInfo.newBuilder().setRetryDelay(delay).build())
            .withTrailer(RETRY_AFTER, Long.toString(retryAfterSeconds(wait)));
    }

    /** Whole seconds, rounded up, at least one: a client waiting this long may succeed. */
    private static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    /** A copy: the caller may add to it. */
    @Override
    public Metadata trailers() {
        return copy(this.trailers);
    }

    public Status status() {
        return Status.fromCode(this.code).withDescription(this.message);
    }

    private static Metadata copy(Metadata trailers) {
        Metadata copy = new Metadata();
        if (trailers != null) {
            copy.merge(trailers);
        }
        return copy;
    }
}
