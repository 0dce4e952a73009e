package io.github.grpcops.pipeline;

import io.grpc.Context;
import io.grpc.Status;

/**
 * What the transport reported about a call's stream that the call itself never learns: grpc-java ends
 * a stream whose frames it cannot read (a compressed message without {@code grpc-encoding}, a frame cut
 * short by the end of the stream, a declared length above the transport's limit) with a bare reset, and
 * the call sees only {@code onCancel}, as if the client had cancelled. A {@code ServerStreamTracer} (the
 * request guard's) attaches a report to the call's context and fills it in when the stream ends;
 * {@link ObservingServerInterceptor}s then record such a call as the error it is
 * ({@link CallOutcome.Ending#MALFORMED_FRAME}).
 */
public final class TransportReport {

    private static final Context.Key<TransportReport> KEY = Context.key("grpc-ops-transport-report");

    private volatile Status malformedFrame;

    /** The report attached to {@code context}, or {@code null} when nothing attached one. */
    public static TransportReport of(Context context) {
        return KEY.get(context);
    }

    /** {@code context} carrying this report. */
    public Context attachTo(Context context) {
        return context.withValue(KEY, this);
    }

    /**
     * Records that the transport ended the stream because of a malformed frame; the status is what the
     * server makes of it (grpc-java's code, a description safe to show).
     */
    public void malformedFrame(Status status) {
        this.malformedFrame = status;
    }

    /** How the transport ended the stream for a malformed frame, or {@code null} when it did not. */
    public Status malformedFrame() {
        return this.malformedFrame;
    }
}
