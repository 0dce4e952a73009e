package io.github.grpcops.ratelimit;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.grpcops.clientip.ClientIpResolver;
import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.PipelineInterceptor;
import io.github.grpcops.ratelimit.RateLimitProperties.FailureMode;
import io.github.grpcops.ratelimit.RateLimitProperties.KeyBy;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one token per call from the caller's bucket before the call starts; a call that finds the
 * bucket empty is closed with {@code RESOURCE_EXHAUSTED}, a {@code google.rpc.RetryInfo} detail and a
 * {@code retry-after} trailer (seconds), and never reaches the service. Works the same for all four
 * call types: the limit is on calls, not messages.
 *
 * <p>Runs after authentication, so the caller is the principal or API key that
 * {@link CallAttributes#current()} names; without one (anonymous call, or no outer interceptor
 * attaching the holder) the client IP as {@link ClientIpResolver} finds it, the same address the
 * request log records: {@code x-forwarded-for} counts only when the peer is a trusted proxy.
 *
 * <p>When the bucket store fails (the shared database is down), the call is let through or rejected
 * with {@code UNAVAILABLE} by {@code grpc.rate-limit.failure-mode}; each such call is counted, and a
 * warning is logged when the store starts failing (not once per call).
 */
public class RateLimitServerInterceptor extends PipelineInterceptor {

    /** Seconds to wait before retrying, as in HTTP's Retry-After. */
    public static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after",
            Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger log = LoggerFactory.getLogger(RateLimitServerInterceptor.class);

    private final ProxyManager<String> buckets;

    private final RateLimitRules rules;

    private final KeyBy keyBy;

    private final FailureMode failureMode;

    private final String domain;

    private final ClientIpResolver clientIps;

    private final LongAdder rejected = new LongAdder();

    private final LongAdder storeFailures = new LongAdder();

    private final AtomicBoolean storeFailing = new AtomicBoolean();

    public RateLimitServerInterceptor(RateLimitProperties properties, ProxyManager<String> buckets, String domain,
            ClientIpResolver clientIps) {
        super(properties);
        this.clientIps = clientIps;
        this.buckets = buckets;
        this.rules = new RateLimitRules(properties);
        this.keyBy = properties.getKeyBy();
        this.failureMode = properties.getFailureMode();
        this.domain = domain;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (!appliesTo(call)) {
            return next.startCall(call, headers);
        }
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
            Status unavailable = Status.UNAVAILABLE.withDescription("Rate limiting is unavailable; retry later");
            return refuse(call, unavailable, withDetails(unavailable, "RATE_LIMIT_UNAVAILABLE"));
        }
        if (probe.isConsumed()) {
            return next.startCall(call, headers);
        }
        this.rejected.increment();
        Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
        Status rejection = Status.RESOURCE_EXHAUSTED
            .withDescription("Rate limit exceeded; retry in " + Math.max(1, retryAfter.toMillis()) + " ms");
        return refuse(call, rejection, retryTrailers(rejection, retryAfter));
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
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String ip = this.clientIps.resolve(peer, headers);
        // Not an IP transport (in-process): the peer address itself names the caller.
        return "ip:" + ((ip != null) ? ip : String.valueOf(peer));
    }

    private Metadata retryTrailers(Status rejection, Duration retryAfter) {
        Metadata trailers = withDetails(rejection, "RATE_LIMITED",
                Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(retryAfter.getSeconds())
                        .setNanos(retryAfter.getNano()))
                    .build()));
        trailers.put(RETRY_AFTER, Long.toString(retryAfterSeconds(retryAfter)));
        return trailers;
    }

    /**
     * Trailers carrying a {@code google.rpc.Status} with an ErrorInfo of {@code reason}: this interceptor
     * answers outside error mapping, which gives every other error its ErrorInfo.
     */
    private Metadata withDetails(Status status, String reason, Any... extra) {
        com.google.rpc.Status.Builder details = com.google.rpc.Status.newBuilder()
            .setCode(status.getCode().value())
            .setMessage(status.getDescription())
            .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(this.domain).build()));
        for (Any detail : extra) {
            details.addDetails(detail);
        }
        return StatusProto.toStatusRuntimeException(details.build()).getTrailers();
    }

    /** Whole seconds, rounded up: a client waiting this long finds a token. */
    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private void storeFailed(RuntimeException ex) {
        this.storeFailures.increment();
        if (this.storeFailing.compareAndSet(false, true)) {
            log.warn("Rate-limit store failed; calls are {} until it recovers (counted in "
                    + "grpc.server.ratelimit.store.failures)", (this.failureMode == FailureMode.OPEN) ? "let through"
                            : "rejected with UNAVAILABLE", ex);
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
