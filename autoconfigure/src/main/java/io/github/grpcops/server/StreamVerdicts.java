package io.github.grpcops.server;

import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.grpcops.pipeline.Refusal;
import io.github.grpcops.pipeline.TransportReport;
import io.grpc.Context;
import io.grpc.DecompressorRegistry;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * Sees every stream the transport opens, before grpc-java acts on its headers, and how it ends: the part
 * of the request guard that works below the interceptors (registered on the server builder).
 *
 * <p>grpc-java refuses a stream with an unknown {@code grpc-encoding} or a malformed {@code grpc-timeout}
 * before any interceptor runs, so such calls left no row, no metric and no log line. Here the offending
 * header is taken off (grpc-java lets a stream tracer factory change the headers) and the verdict goes to
 * the call's context, where {@link RequestGuardServerInterceptor} refuses the call through the pipeline:
 * {@code UNIMPLEMENTED} (reason {@value #UNSUPPORTED_ENCODING}) or {@code INVALID_ARGUMENT} (reason
 * {@value #INVALID_TIMEOUT}), recorded like any refusal.
 *
 * <p>When the transport resets a stream because it could not read a frame, the call only sees a
 * cancellation; the stream's {@link TransportReport} tells the observing interceptors what happened.
 */
final class StreamVerdicts extends ServerStreamTracer.Factory {

    static final String UNSUPPORTED_ENCODING = "UNSUPPORTED_ENCODING";

    static final String INVALID_TIMEOUT = "INVALID_TIMEOUT";

    static final String MALFORMED_FRAME = "MALFORMED_FRAME";

    static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);

    static final Metadata.Key<String> ENCODING = Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

    /** The gRPC over HTTP/2 spec's TimeoutValue and TimeoutUnit. */
    private static final Pattern TIMEOUT_FORMAT = Pattern.compile("[0-9]{1,8}[HMSmun]");

    private static final int MAX_ECHOED = 64;

    private static final Context.Key<Refusal> HEADER_VERDICT = Context.key("grpc-ops-header-verdict");

    private final DecompressorRegistry decompressors;

    /** @param decompressors the registry the server decompresses with */
    public StreamVerdicts(DecompressorRegistry decompressors) {
        this.decompressors = decompressors;
    }

    /** The verdict on the current call's headers, or {@code null} when they were fine. */
    static Refusal headerVerdict() {
        return HEADER_VERDICT.get();
    }

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        return new Tracer(headerVerdict(headers));
    }

    /** Checks the headers grpc-java would refuse the stream for, taking off those that fail. */
    Refusal headerVerdict(Metadata headers) {
        Refusal verdict = null;
        String encoding = headers.get(ENCODING);
        if (encoding != null && this.decompressors.lookupDecompressor(encoding) == null) {
            headers.discardAll(ENCODING);
            String accepted = String.join(", ", new TreeSet<>(this.decompressors.getKnownMessageEncodings()));
            verdict = Refusal.of(Status.Code.UNIMPLEMENTED, "Can't find decompressor for " + echo(encoding)
                    + "; this server accepts grpc-encoding " + accepted, UNSUPPORTED_ENCODING);
        }
        String timeout = headers.get(TIMEOUT);
        if (timeout != null && !TIMEOUT_FORMAT.matcher(timeout).matches()) {
            headers.discardAll(TIMEOUT);
            verdict = (verdict != null) ? verdict : Refusal.of(Status.Code.INVALID_ARGUMENT,
                    "The grpc-timeout header is not a timeout: 1 to 8 digits and a unit (H, M, S, m, u or n)",
                    INVALID_TIMEOUT);
        }
        return verdict;
    }

    /** What the transport's status for a stream it reset means, or {@code null} when it was no malformed frame. */
    static Status malformedFrame(Status status) {
        Status.Code code = status.getCode();
        if (code != Status.Code.INTERNAL && code != Status.Code.RESOURCE_EXHAUSTED && code != Status.Code.UNKNOWN) {
            return null; // cancelled by the client, the deadline, a lost connection
        }
        String said = (status.getDescription() != null) ? status.getDescription()
                : (status.getCause() != null) ? status.getCause().getClass().getSimpleName() : code.name();
        return Status.fromCode(code)
            .withDescription("Malformed request frame, stream reset (" + MALFORMED_FRAME + "): " + said);
    }

    private static String echo(String value) {
        return (value.length() > MAX_ECHOED) ? value.substring(0, MAX_ECHOED) + "…" : value;
    }

    private static final class Tracer extends ServerStreamTracer {

        private final Refusal headerVerdict;

        private final TransportReport report = new TransportReport();

        Tracer(Refusal headerVerdict) {
            this.headerVerdict = headerVerdict;
        }

        @Override
        public Context filterContext(Context context) {
            Context reported = this.report.attachTo(context);
            return (this.headerVerdict != null) ? reported.withValue(HEADER_VERDICT, this.headerVerdict) : reported;
        }

        /** Runs before the call learns of the end (as {@code onCancel}), so the report is there when it does. */
        @Override
        public void streamClosed(Status status) {
            if (!status.isOk()) {
                Status malformed = malformedFrame(status);
                if (malformed != null) {
                    this.report.malformedFrame(malformed);
                }
            }
        }
    }
}
