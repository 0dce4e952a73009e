package io.github.grpcops.requestlog;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;

import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallOutcome;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;

/**
 * Request-log entries of unary calls that tests make up, built by {@link RequestLogEntry#of} from a
 * call's facts as the interceptor builds them: one request and one response of 10 bytes each, from
 * {@code 127.0.0.1}, anonymous.
 */
final class FinishedCalls {

    private static final InetSocketAddress PEER;

    static {
        try {
            PEER = new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), 53412);
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private FinishedCalls() {
    }

    /** A call of {@code service/method} started {@code at} that ended with {@code code} after {@code durationMs}. */
    static RequestLogEntry entry(String requestId, String service, String method, Status.Code code, double durationMs,
            Instant at) {
        CallInfo call = new CallInfo(service + "/" + method, service, method, MethodType.UNARY, PEER,
                "grpc-java-netty/1.63.0", null, at, 0);
        CallOutcome outcome = new CallOutcome(call, CallOutcome.Ending.CLOSED, Status.fromCode(code), new Metadata(),
                Math.round(durationMs * 1_000_000), 1, 10, 1, 10);
        return RequestLogEntry.of(outcome, requestId, "127.0.0.1", null, null, null);
    }

    /** A successful call of {@code service/Method} that started now and took 1.5 ms. */
    static RequestLogEntry entry(String requestId, String service) {
        return entry(requestId, service, "Method", Status.Code.OK, 1.5, Instant.now());
    }

    /** A call with a fresh request id. */
    static RequestLogEntry entry(String service, String method, Status.Code code, double durationMs, Instant at) {
        return entry("test-" + UUID.randomUUID(), service, method, code, durationMs, at);
    }
}
