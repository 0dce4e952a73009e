package io.github.grpcops.pipeline;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;

/**
 * What is known about a call when it starts: the method, who is on the other end, and when.
 *
 * @param fullMethodName {@code package.Service/Method}
 * @param serviceName {@code package.Service}
 * @param methodName {@code Method}
 * @param type unary, client streaming, server streaming or bidi
 * @param peer the remote address as the transport sees it, or {@code null}
 * @param userAgent the caller's {@code user-agent} header, or {@code null}
 * @param deadline the call's deadline, or {@code null} when the client set none
 * @param startedAt wall-clock start
 * @param startNanos monotonic start, for durations
 */
public record CallInfo(String fullMethodName, String serviceName, String methodName, MethodType type,
        SocketAddress peer, String userAgent, Deadline deadline, Instant startedAt, long startNanos) {

    /** How early before its deadline a cancelled call still counts as having reached it. */
    static final Duration DEADLINE_SKEW = Duration.ofMillis(100);

    static final Metadata.Key<String> USER_AGENT = Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);

    /** Must be called on the call's thread in {@code interceptCall}, where the call's context is current. */
    public static CallInfo of(ServerCall<?, ?> call, Metadata headers) {
        MethodDescriptor<?, ?> method = call.getMethodDescriptor();
        String full = method.getFullMethodName();
        String service = method.getServiceName();
        String name = (service != null) ? full.substring(service.length() + 1) : full;
        return new CallInfo(full, service, name, method.getType(),
                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), headers.get(USER_AGENT),
                Context.current().getDeadline(), Instant.now(), System.nanoTime());
    }

    /**
     * Whether the call's deadline has passed or is within {@link #DEADLINE_SKEW} of passing. A client
     * cancels its call at its own copy of the deadline, which the server's copy trails by the time the
     * call's headers took to arrive: that cancellation can reach the server a few milliseconds before the
     * server's copy passes (seen up to 14 ms early on a loaded machine), and is the deadline all the same.
     */
    public boolean deadlineReached() {
        return this.deadline != null && this.deadline.timeRemaining(TimeUnit.NANOSECONDS) <= DEADLINE_SKEW.toNanos();
    }
}
