package io.github.grpcops.requestlog;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.grpcops.pipeline.CallInfo;

/**
 * The calls running right now, so a long stream is visible before it finishes: the request log
 * registers each call it observes and removes it when the call ends. Its size is the number of
 * concurrent calls; nothing is kept after a call ends.
 */
public class InFlightCalls {

    private final Map<Long, Call> calls = new ConcurrentHashMap<>();

    private final AtomicLong sequence = new AtomicLong();

    /** Registers a starting call; the returned handle counts its messages and removes it at the end. */
    Call start(CallInfo info, String requestId, String clientIp) {
        Call call = new Call(this.sequence.incrementAndGet(), info, requestId, clientIp);
        this.calls.put(call.key, call);
        return call;
    }

    /** The running calls, oldest first. */
    public List<InFlightCall> snapshot() {
        Instant now = Instant.now();
        return this.calls.values()
            .stream()
            .sorted(Comparator.comparingLong((Call call) -> call.info.startNanos()))
            .map(call -> call.view(now))
            .toList();
    }

    public int size() {
        return this.calls.size();
    }

    /**
     * A running call as the monitoring endpoint shows it.
     *
     * @param requestId the call's request id
     * @param fullMethod {@code package.Service/Method}
     * @param callType the method type name
     * @param clientIp the caller's address
     * @param peer the remote address as the transport sees it (a proxy's, behind one), or {@code null}
     * @param startedAt when it started
     * @param runningFor how long it has been running
     * @param messagesIn request messages so far
     * @param messagesOut response messages so far
     */
    public record InFlightCall(String requestId, String fullMethod, String callType, String clientIp,
            String peer, Instant startedAt, Duration runningFor, long messagesIn, long messagesOut) {
    }

    /** One registered call; the counters have one writer each (request side, response side). */
    final class Call {

        private final long key;

        private final CallInfo info;

        private final String requestId;

        private final String clientIp;

        private volatile long messagesIn;

        private volatile long messagesOut;

        private Call(long key, CallInfo info, String requestId, String clientIp) {
            this.key = key;
            this.info = info;
            this.requestId = requestId;
            this.clientIp = clientIp;
        }

        void messageIn() {
            this.messagesIn++;
        }

        void messageOut() {
            this.messagesOut++;
        }

        void end() {
            InFlightCalls.this.calls.remove(this.key);
        }

        private InFlightCall view(Instant now) {
            return new InFlightCall(this.requestId, this.info.fullMethodName(), this.info.type().name(), this.clientIp,
                    (this.info.peer() != null) ? this.info.peer().toString() : null, this.info.startedAt(), Duration.between(this.info.startedAt(), now), this.messagesIn,
                    this.messagesOut);
        }
    }
}
