package io.github.grpcops.pipeline;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.grpc.Deadline;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallInfoTest {

    private final ManualTicker ticker = new ManualTicker();

    private static CallInfo withDeadline(Deadline deadline) {
        return new CallInfo("test.Service/Method", "test.Service", "Method", MethodType.UNARY, null, null, deadline,
                Instant.now(), System.nanoTime());
    }

    @Test
    void aCallWithoutDeadlineNeverReachesIt() {
        assertThat(withDeadline(null).deadlineReached()).isFalse();
    }

    @Test
    void aDeadlineFurtherAwayThanTheSkewIsNotReached() {
        CallInfo call = withDeadline(Deadline.after(500, TimeUnit.MILLISECONDS, this.ticker));
        assertThat(call.deadlineReached()).isFalse();
        this.ticker.advance(500 - CallInfo.DEADLINE_SKEW.toMillis() - 1);
        assertThat(call.deadlineReached()).isFalse();
    }

    @Test
    void aDeadlineWithinTheSkewOrPastIsReached() {
        CallInfo call = withDeadline(Deadline.after(500, TimeUnit.MILLISECONDS, this.ticker));
        // The client's copy of the deadline passed; the server's passes a few milliseconds later.
        this.ticker.advance(500 - 14);
        assertThat(call.deadlineReached()).isTrue();
        this.ticker.advance(1000);
        assertThat(call.deadlineReached()).isTrue();
    }

    /** A clock the test moves by hand. */
    private static final class ManualTicker extends Deadline.Ticker {

        private long nanos;

        @Override
        public long nanoTime() {
            return this.nanos;
        }

        void advance(long millis) {
            this.nanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }
}
