package io.github.grpcops.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.grpcops.pipeline.CallInfo;
import io.github.grpcops.pipeline.CallObserver;
import io.github.grpcops.pipeline.CallOutcome;
import io.github.grpcops.pipeline.CallResult;
import io.github.grpcops.pipeline.ObservingServerInterceptor;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Records each call once in Micrometer under the names and tags of Micrometer's gRPC binder (which
 * grpc-spring-boot-starter registers), so dashboards built for it keep working:
 * {@code grpc.server.processing.duration} (timer; tags service, method, methodType, statusCode),
 * {@code grpc.server.requests.received} and {@code grpc.server.responses.sent} (messages; tags
 * service, method, methodType); plus {@code grpc.server.calls.active}, a gauge of calls in flight.
 * Feeds {@link GrpcMetrics} for the since-start snapshot.
 *
 * <p>Sits outside authentication, rate limiting and error mapping ({@code PipelineOrder.METRICS}), so
 * their rejections are timed like every other call and the status recorded is the mapped one. Moved
 * inside error mapping, an exception escaping the service reaches this observer unmapped; then
 * {@code statusFor} (the error-mapping table when present) tells which status the client gets.
 */
public class MetricsServerInterceptor extends ObservingServerInterceptor {

    static final String DURATION = "grpc.server.processing.duration";

    static final String REQUESTS = "grpc.server.requests.received";

    static final String RESPONSES = "grpc.server.responses.sent";

    static final String ACTIVE = "grpc.server.calls.active";

    private final MeterRegistry registry;

    private final GrpcMetricsProperties properties;

    private final GrpcMetrics metrics;

    private final Function<Throwable, Status.Code> statusFor;

    private final Map<String, MethodMeters> meters = new ConcurrentHashMap<>();

    private final AtomicInteger active = new AtomicInteger();

    /**
     * @param statusFor the status code the client receives for an exception escaping the service
     */
    public MetricsServerInterceptor(MeterRegistry registry, GrpcMetricsProperties properties, GrpcMetrics metrics,
            Function<Throwable, Status.Code> statusFor) {
        super(properties);
        this.registry = registry;
        this.properties = properties;
        this.metrics = metrics;
        this.statusFor = statusFor;
        Gauge.builder(ACTIVE, this.active, AtomicInteger::get)
            .description("Calls in flight")
            .baseUnit("calls")
            .register(registry);
    }

    @Override
    protected CallObserver startObserving(CallInfo call, Metadata headers) {
        MethodMeters methodMeters = this.meters.computeIfAbsent(call.fullMethodName(), m -> new MethodMeters(call));
        this.active.incrementAndGet();
        return new Observer(methodMeters);
    }

    private final class Observer implements CallObserver {

        private final MethodMeters meters;

        Observer(MethodMeters meters) {
            this.meters = meters;
        }

        @Override
        public void onMessageIn(long serializedSize) {
            this.meters.requests.increment();
        }

        @Override
        public void onMessageOut(long serializedSize) {
            this.meters.responses.increment();
        }

        @Override
        public void onFinish(CallOutcome outcome) {
            MetricsServerInterceptor.this.active.decrementAndGet();
            Status.Code code = codeReceived(outcome);
            this.meters.timer(code).record(outcome.durationNanos(), TimeUnit.NANOSECONDS);
            MetricsServerInterceptor.this.metrics.record(outcome.info(), CallResult.of(code), outcome.durationNanos());
        }

        /** The status the client got: a failure seen here is mapped outside this interceptor, if at all. */
        private Status.Code codeReceived(CallOutcome outcome) {
            Status status = outcome.status();
            if (outcome.ending() == CallOutcome.Ending.FAILED && status.getCause() != null) {
                return MetricsServerInterceptor.this.statusFor.apply(status.getCause());
            }
            return status.getCode();
        }
    }

    /** The meters of one method, created on its first call. */
    private final class MethodMeters {

        private final Tags tags;

        private final Counter requests;

        private final Counter responses;

        private final Map<Status.Code, Timer> timers = new ConcurrentHashMap<>();

        MethodMeters(CallInfo call) {
            this.tags = Tags.of("service", call.serviceName(), "method", call.methodName(), "methodType",
                    call.type().name());
            MeterRegistry registry = MetricsServerInterceptor.this.registry;
            this.requests = Counter.builder(REQUESTS)
                .description("The total number of requests received")
                .baseUnit("messages")
                .tags(this.tags)
                .register(registry);
            this.responses = Counter.builder(RESPONSES)
                .description("The total number of responses sent")
                .baseUnit("messages")
                .tags(this.tags)
                .register(registry);
        }

        Timer timer(Status.Code code) {
            return this.timers.computeIfAbsent(code, c -> {
                GrpcMetricsProperties properties = MetricsServerInterceptor.this.properties;
                return Timer.builder(DURATION)
                    .description("The total time taken for the server to complete the call")
                    .tags(this.tags)
                    .tag("statusCode", c.name())
                    .publishPercentileHistogram(properties.isPercentileHistogram())
                    .publishPercentiles(properties.getPercentiles().stream().mapToDouble(Double::doubleValue).toArray())
                    .register(MetricsServerInterceptor.this.registry);
            });
        }
    }
}
