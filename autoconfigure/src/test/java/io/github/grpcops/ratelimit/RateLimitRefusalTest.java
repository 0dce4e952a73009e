package io.github.grpcops.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.rpc.RetryInfo;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.grpcops.pipeline.CallFactsServerInterceptor;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.InProcessPipeline;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller refused by rate limiting gets, in every call type, on grpc-java's in-process transport
 * without Spring (so without error mapping): the refusal path's ErrorInfo (domain, request id) with
 * RetryInfo and retry-after for an empty bucket, and with the failure mode's UNAVAILABLE for a store
 * that cannot be reached (a PostgreSQL address where nothing listens).
 */
class RateLimitRefusalTest {

    private static final EchoRequest REQUEST = EchoRequest.newBuilder().setText("hi").setRepeat(1).build();

    private static RateLimitProperties oneCallPerHour(RateLimitProperties.FailureMode failureMode) {
        RateLimitProperties properties = new RateLimitProperties();
        RateLimitProperties.Limit limit = new RateLimitProperties.Limit();
        limit.setCapacity(1);
        limit.setPeriod(Duration.ofHours(1));
        properties.setDefaultLimit(limit);
        properties.setFailureMode(failureMode);
        return properties;
    }

    private static InProcessPipeline pipeline(RateLimitProperties properties, ProxyManager<String> buckets) {
        return InProcessPipeline.of(new EchoTestService(),
                new CallFactsServerInterceptor((peer, headers) -> "203.0.113.5"),
                new RateLimitServerInterceptor(properties, buckets, new CallRefuser("limits.test")));
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void anEmptyBucketRefusesEveryCallTypeWithErrorInfoRetryInfoAndRetryAfter(MethodType type) throws Exception {
        ProxyManager<String> buckets = Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder()).build();
        EchoCall refused;
        try (InProcessPipeline pipeline = pipeline(oneCallPerHour(RateLimitProperties.FailureMode.OPEN), buckets)) {
            assertThat(EchoCall.complete(pipeline.channel(), type, "first-" + type, REQUEST).status().getCode())
                .isEqualTo(Status.Code.OK);
            refused = EchoCall.complete(pipeline.channel(), type, "limited-" + type, REQUEST);
            refused.status();
        }
        assertThat(refused.replies()).isEmpty();
        StatusRuntimeException ex = refused.failure();
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(ex.getStatus().getDescription()).startsWith("Rate limit exceeded; retry in ");
        ErrorDetails.assertErrorInfo(ex, "RATE_LIMITED", "limits.test", "limited-" + type);
        long delay = ErrorDetails.detail(ex, RetryInfo.class).getRetryDelay().getSeconds();
        assertThat(delay).isBetween(3500L, 3600L);
        assertThat(Long.parseLong(ex.getTrailers().get(RateLimitServerInterceptor.RETRY_AFTER)))
            .isGreaterThanOrEqualTo(delay);
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void anUnreachableStoreRefusesEveryCallTypeWhenFailingClosed(MethodType type) throws Exception {
        ProxyManager<String> deadStore = Bucket4jPostgreSQL
            .selectForUpdateBasedBuilder(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1",
                    "x", "x"))
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .build();
        EchoCall refused;
        try (InProcessPipeline pipeline = pipeline(oneCallPerHour(RateLimitProperties.FailureMode.CLOSED), deadStore)) {
            refused = EchoCall.complete(pipeline.channel(), type, "no-store-" + type, REQUEST);
            refused.status();
        }
        assertThat(refused.replies()).isEmpty();
        StatusRuntimeException ex = refused.failure();
        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(ex.getStatus().getDescription()).isEqualTo("Rate limiting is unavailable; retry later");
        ErrorDetails.assertErrorInfo(ex, "RATE_LIMIT_UNAVAILABLE", "limits.test", "no-store-" + type);
    }
}
