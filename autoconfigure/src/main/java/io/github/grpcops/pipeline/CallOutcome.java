package io.github.grpcops.pipeline;

import java.time.Duration;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * How a call ended, with its traffic counts.
 *
 * @param info what was known at the start
 * @param ending how it ended
 * @param status the status the client receives ({@code CANCELLED} or {@code DEADLINE_EXCEEDED} when
 *     the call was cancelled; for a malformed frame, the transport's verdict, the client seeing a reset)
 * @param trailers the trailers sent with the status; empty when the call did not close normally
 * @param durationNanos from start to end
 * @param messagesIn request messages received
 * @param bytesIn serialized size of the request messages
 * @param messagesOut response messages sent
 * @param bytesOut serialized size of the response messages
 */
public record CallOutcome(CallInfo info, Ending ending, Status status, Metadata trailers, long durationNanos,
        long messagesIn, long bytesIn, long messagesOut, long bytesOut) {

    /** How a call ended. */
    public enum Ending {
        /** The server closed the call with a status. */
        CLOSED,
        /** The client cancelled, or the connection broke, before the server closed the call. */
        CANCELLED,
        /** The deadline passed before the server closed the call. */
        DEADLINE_EXCEEDED,
        /** Service code threw an exception that nothing in the pipeline mapped to a status. */
        FAILED,
        /**
         * The transport could not read a request frame and reset the stream (see {@link TransportReport}):
         * the status is grpc-java's verdict, the client saw a bare stream reset.
         */
        MALFORMED_FRAME
    }

    public Duration duration() {
        return Duration.ofNanos(this.durationNanos);
    }

    public double durationMillis() {
        return this.durationNanos / 1_000_000.0;
    }

    public CallResult result() {
        return CallResult.of(this.ending, this.status.getCode());
    }
}
