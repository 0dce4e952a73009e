package io.github.grpcops.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.grpcops.logging.DatabaseFailureText;
import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallFacts;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.pipeline.Refusal;
import io.github.grpcops.ratelimit.RateLimitProperties.FailureMode;
import io.github.grpcops.ratelimit.RateLimitProperties.KeyBy;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one token per call from the caller's bucket before the call starts; a call that finds the
 * bucket empty is refused through the {@link CallRefuser} with {@code RESOURCE_EXHAUSTED}, a
 * {@code google.rpc.RetryInfo} detail and a {@code retry-after} trailer (seconds), and never reaches the
 * service. Works the same for all four call types: the limit is on calls, not messages.
 *
 * <p>Runs after authentication, so the caller is the principal or API key that
 * {@link CallAttributes#current()} names; without one (anonymous call) the client IP of the call's
 * {@link CallFacts}, the same address the request log records: {@code x-forwarded-for} counts only
 * when the peer is a trusted proxy.
 *
 * <p>When the bucket store fails (the shared database is down), the call is let through or rejected
 * with {@code UNAVAILABLE} by {@code grpc.rate-limit.failure-mode}; each such call is counted, and a
 * warning is logged when the store starts failing (not once per call).
 */
public class RateLimitServerInterceptor extends PipelineInterceptor {

    /** Seconds to wait before retrying, as in HTTP's Retry-After. */
    public static final Metadata.Key<String> RETRY_AFTER = Refusal.RETRY_AFTER;

    private static final Logger log = LoggerFactory.getLogger(RateLimitServerInterceptor.class);

    private final ProxyManager<String> buckets;

    private final RateLimitRules rules;

    private final KeyBy keyBy;

    private final FailureMode failureMode;

    private final CallRefuser refusals;

    private final LongAdder rejected = new LongAdder();

    private final LongAdder storeFailures = new LongAdder();

    private final AtomicBoolean storeFailing = new AtomicBoolean();

    public RateLimitServerInterceptor(RateLimitProperties properties, ProxyManager<String> buckets,
            CallRefuser refusals) {
        super(properties);
        this.buckets = buckets;
        this.rules = new RateLimitRules(properties);
        this.keyBy = properties.getKeyBy();
        this.failureMode = properties.getFailureMode();
        this.refusals = refusals;
    }

    @Override
    protected <ReqT, RespT> ServerCall.Listener<ReqT> intercept(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        RateLimitRules.Rule rule = this.rules.ruleFor(call.getMethodDescriptor().getFullMethodName());
        if (rule.configuration() == null) {
            return next.startCall(call, headers);
        }
        String key = rule.id() + "|" + callerKey(call, headers);
        ConsumptionProbe probe;
        try {
            probe = this.buckets.builder().build(key, rule::configuration).tryConsumeAndReturnRemaining(1);
            storeRecovered();
        }
        catch (RuntimeException ex) {
            storeFailed(ex);
            if (this.failureMode == FailureMode.OPEN) {
                return next.startCall(call, headers);
            }
            return this.refusals.refuse(call, headers, Refusal.of(Status.Code.UNAVAILABLE,
                    "Rate limiting is unavailable; retry later", "RATE_LIMIT_UNAVAILABLE"));
        }
        if (probe.isConsumed()) {
            return next.startCall(call, headers);
        }
        this.rejected.increment();
        Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
        return this.refusals.refuse(call, headers, rateLimited(retryAfter));
    }

    /** The bucket owner: {@code principal:<id>}, {@code api-key:<id>} or {@code ip:<address>}. */
    String callerKey(ServerCall<?, ?> call, Metadata headers) {
        CallAttributes attributes = CallAttributes.current();
        if (attributes != null && attributes.isAuthenticated()) {
            if (this.keyBy == KeyBy.PRINCIPAL && attributes.principalId() != null) {
                return "principal:" + attributes.principalId();
            }
            if (this.keyBy != KeyBy.CLIENT_IP && attributes.apiKeyId() != null) {
                return "api-key:" + attributes.apiKeyId();
            }
        }
        return "ip:" + CallFacts.of(call, headers).clientAddress();
    }

    private static Refusal rateLimited(Duration retryAfter) {
        return Refusal
            .of(Status.Code.RESOURCE_EXHAUSTED,
                    "Rate limit exceeded; retry in " + Math.max(1, retryAfter.toMillis()) + " ms", "RATE_LIMITED")
            .withRetryAfter(retryAfter);
    }

    private void storeFailed(RuntimeException ex) {
        this.storeFailures.increment();
        if (this.storeFailing.compareAndSet(false, true)) {
            log.warn("Rate-limit store failed; calls are {} until it recovers (counted in "
                    + "grpc.server.ratelimit.store.failures): {}", (this.failureMode == FailureMode.OPEN) ? "let through"
                            : "rejected with UNAVAILABLE", DatabaseFailureText.describe(ex));
        }
    }

    private void storeRecovered() {
        if (this.storeFailing.get() && this.storeFailing.compareAndSet(true, false)) {
            log.info("Rate-limit store recovered");
        }
    }

    /** Calls rejected for an empty bucket since start. */
    public long rejectedCount() {
        return this.rejected.sum();
    }

    /** Calls the store could not decide on since start (let through or rejected by failure mode). */
    public long storeFailureCount() {
        return this.storeFailures.sum();
    }
}
