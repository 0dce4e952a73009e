package io.github.grpcops.auth.bruteforce;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.grpcops.auth.Credentials;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallFacts;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.Refusal;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down credential guessing: counts the credentials authentication refused per client address (the
 * call facts' client IP, trusted proxies considered, as the request log and rate limiting see it) and,
 * once an address has used up its budget of failures, refuses its calls that present a credential with
 * {@code RESOURCE_EXHAUSTED}, a {@code RetryInfo} detail and a {@code retry-after} trailer, through the
 * {@link CallRefuser}, before authentication parses a token or looks a key up.
 *
 * <p>The budget is a Bucket4j bucket per failing address: {@code max-failures} in a row, then one more
 * every {@code period / max-failures}. Successful calls take nothing from it, and calls without any
 * credential (health checks, public methods) are never refused here. Only addresses that failed have a
 * bucket, in a Caffeine cache bounded by {@code max-addresses} and dropped once idle for a period. The
 * budget is checked when a call starts, so calls of one address already in flight when it runs out still
 * reach authentication: the excess is bounded by that address's concurrent calls.
 */
public class BruteForceProtectionServerInterceptor extends PipelineInterceptor {

    static final String REASON = "TOO_MANY_FAILED_AUTHENTICATIONS";

    private static final Logger log = LoggerFactory.getLogger(BruteForceProtectionServerInterceptor.class);

    private final int maxFailures;

    private final Duration period;

    private final TimeMeter time;

    private final CallRefuser refusals;

    private final Cache<String, Failures> failures;

    private final LongAdder refused = new LongAdder();

    public BruteForceProtectionServerInterceptor(GrpcAuthProperties.BruteForce properties, CallRefuser refusals) {
        this(properties, refusals, TimeMeter.SYSTEM_MILLISECONDS);
    }

    BruteForceProtectionServerInterceptor(GrpcAuthProperties.BruteForce properties, CallRefuser refusals,
            TimeMeter time) {
        super(properties);
        this.maxFailures = properties.getMaxFailures();
        this.period = properties.getPeriod();
        this.time = time;
        this.refusals = refusals;
        // Upkeep on the calling thread, not a wake-up of the common fork-join pool per newly failing address.
        this.failures = Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumSize(properties.getMaxAddresses())
            .expireAfterAccess(this.period)
            .build();
    }

    @Override
    protected <ReqT, RespT> ServerCall.Listener<ReqT> intercept(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (!Credentials.anyPresent(headers)) {
            return next.startCall(call, headers);
        }
        String address = CallFacts.of(call, headers).clientAddress();
        Failures known = this.failures.getIfPresent(address);
        if (known != null) {
            EstimationProbe budget = known.bucket().estimateAbilityToConsume(1);
            if (!budget.canBeConsumed()) {
                return refuse(call, headers, address, known, Duration.ofNanos(budget.getNanosToWaitForRefill()));
            }
        }
        CallAttributes attributes = CallAttributes.current();
        if (attributes == null) {
            return next.startCall(call, headers);
        }
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                // Counted before the status leaves, so the client's next attempt already meets the new budget.
                if (attributes.isCredentialRefused()) {
                    recordFailure(address);
                }
                super.close(status, trailers);
            }
        }, headers);
    }

    private void recordFailure(String address) {
        this.failures.get(address, key -> new Failures(newBucket(), new AtomicBoolean())).bucket().tryConsume(1);
    }

    private <ReqT> ServerCall.Listener<ReqT> refuse(ServerCall<ReqT, ?> call, Metadata headers, String address,
            Failures failures, Duration retryAfter) {
        this.refused.increment();
        if (failures.reported().compareAndSet(false, true)) {
            // Once per episode: the entry is forgotten only after a period without calls from the address.
            log.warn("Refusing credentials from {} after {} failed ones (grpc.auth.brute-force.max-failures per {})",
                    address, this.maxFailures, this.period);
        }
        return this.refusals.refuse(call, headers, Refusal
            .of(Status.Code.RESOURCE_EXHAUSTED, "Too many failed authentication attempts from this address; retry in "
                    + Math.max(1, retryAfter.toMillis()) + " ms", REASON)
            .withRetryAfter(retryAfter));
    }

    private Bucket newBucket() {
        return Bucket.builder()
            .addLimit(limit -> limit.capacity(this.maxFailures).refillGreedy(this.maxFailures, this.period))
            .withCustomTimePrecision(this.time)
            .build();
    }

    /** Calls refused since start because their address had no failures left. */
    public long refusedCount() {
        return this.refused.sum();
    }

    /** An address's budget, and whether its refusal has been logged. */
    private record Failures(Bucket bucket, AtomicBoolean reported) {
    }
}
