package io.github.grpcops.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Rate limiting over a real Netty server: every Echo call type under a default limit of 5 per hour
 * (so nothing refills during the test), Expand under its own limit of 3. The only trusted proxy is
 * 10.0.0.0/8, so the test client on 127.0.0.1 is an untrusted peer.
 */
@EchoServerTest(properties = { "grpc.rate-limit.enabled=true", "grpc.rate-limit.default-limit.capacity=5",
        "grpc.rate-limit.default-limit.period=1h", "grpc.rate-limit.limits[0].method=grpcops.test.v1.EchoService/Expand",
        "grpc.rate-limit.limits[0].capacity=3", "grpc.rate-limit.limits[0].period=1h",
        "grpc.rate-limit.exclude-methods=grpc.health.*", "grpc.client-ip.trusted-proxies=10.0.0.0/8" })
@Import(RateLimitServerInterceptorTest.Principals.class)
class RateLimitServerInterceptorTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    RateLimitServerInterceptor interceptor;

    @Autowired(required = false)
    MeterRegistry meters;

    private EchoServiceGrpc.EchoServiceBlockingStub as(Metadata.Key<String> header, String value) {
        return stub(this.client.channel(), header, value);
    }

    /** A stub whose calls carry {@code header: value}, e.g. the test principal. */
    static EchoServiceGrpc.EchoServiceBlockingStub stub(io.grpc.Channel channel, Metadata.Key<String> header,
            String value) {
        Metadata headers = new Metadata();
        headers.put(header, value);
        return EchoServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** OK, or the status code the unary call failed with. */
    static Status.Code echo(EchoServiceGrpc.EchoServiceBlockingStub stub) {
        try {
            stub.echo(EchoRequest.newBuilder().setText("hi").build());
            return Status.Code.OK;
        }
        catch (StatusRuntimeException ex) {
            return ex.getStatus().getCode();
        }
    }

    @Test
    void burstOfTenTimesTheLimitLetsExactlyTheLimitThrough() throws Exception {
        EchoServiceGrpc.EchoServiceBlockingStub stub = as(TestPrincipalInterceptor.PRINCIPAL, "burst-user");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Status.Code>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> echo(stub));
            }
            List<Status.Code> codes = new ArrayList<>();
            for (Future<Status.Code> result : pool.invokeAll(calls)) {
                codes.add(result.get());
            }
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(5);
            assertThat(codes).filteredOn(c -> c == Status.Code.RESOURCE_EXHAUSTED).hasSize(45);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectionCarriesRetryInfoAndRetryAfterTrailer() {
        EchoServiceGrpc.EchoServiceBlockingStub stub = as(TestPrincipalInterceptor.PRINCIPAL, "retry-user");
        for (int i = 0; i < 5; i++) {
            assertThat(echo(stub)).isEqualTo(Status.Code.OK);
        }
        long rejectedBefore = this.interceptor.rejectedCount();
        StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.echo(EchoRequest.newBuilder().setText("hi").build()));

        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        com.google.rpc.Status details = StatusProto.fromThrowable(ex);
        RetryInfo retry = details.getDetailsList().stream().filter(a -> a.is(RetryInfo.class)).findFirst()
            .map(a -> unpack(a, RetryInfo.class)).orElseThrow();
        // 5 per hour: the next token comes in about 12 minutes.
        assertThat(retry.getRetryDelay().getSeconds()).isBetween(700L, 720L);
        ErrorInfo info = details.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).findFirst()
            .map(a -> unpack(a, ErrorInfo.class)).orElseThrow();
        assertThat(info.getReason()).isEqualTo("RATE_LIMITED");
        assertThat(info.getDomain()).as("no grpc.errors.domain, no application name").isEqualTo("grpc-ops");
        assertThat(info.getMetadataMap().get("requestId")).isEqualTo(ex.getTrailers().get(RequestIds.HEADER));
        long retryAfter = Long.parseLong(ex.getTrailers().get(RateLimitServerInterceptor.RETRY_AFTER));
        assertThat(retryAfter).isBetween(700L, 720L).isGreaterThanOrEqualTo(retry.getRetryDelay().getSeconds());
        assertThat(this.interceptor.rejectedCount()).isEqualTo(rejectedBefore + 1);
        assertThat(this.meters.get("grpc.server.ratelimit.rejected").functionCounter().count()).isPositive();
    }

    @Test
    void everyCallTypeIsLimitedAndRejectedBeforeReachingTheService() {
        Metadata headers = new Metadata();
        headers.put(TestPrincipalInterceptor.PRINCIPAL, "streams-user");
        io.grpc.Channel channel = io.grpc.ClientInterceptors.intercept(this.client.channel(),
                MetadataUtils.newAttachHeadersInterceptor(headers));
        List<EchoRequest> requests = List.of(EchoCalls.text("a"));
        List<Status.Code> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            codes.add(code(() -> EchoCalls.collect(channel, requests)));
            codes.add(code(() -> EchoCalls.chat(channel, requests)));
        }
        // Client and bidi streams share the default bucket of 5.
        assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(5);
        assertThat(codes.get(5)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        // Server streaming has its own limit of 3.
        EchoServiceGrpc.EchoServiceBlockingStub stub = as(TestPrincipalInterceptor.PRINCIPAL, "streams-user");
        List<Status.Code> expand = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expand.add(code(() -> stub.expand(EchoRequest.newBuilder().setText("x").setRepeat(2).build())
                .forEachRemaining(r -> {
                })));
        }
        assertThat(expand).containsExactly(Status.Code.OK, Status.Code.OK, Status.Code.OK,
                Status.Code.RESOURCE_EXHAUSTED);
    }

    private static Status.Code code(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        }
        catch (StatusRuntimeException ex) {
            return ex.getStatus().getCode();
        }
    }

    @Test
    void eachPrincipalHasItsOwnBucketAndAnonymousCallsAreKeyedByClientIp() {
        EchoServiceGrpc.EchoServiceBlockingStub alice = as(TestPrincipalInterceptor.PRINCIPAL, "alice");
        for (int i = 0; i < 5; i++) {
            echo(alice);
        }
        assertThat(echo(alice)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(echo(as(TestPrincipalInterceptor.PRINCIPAL, "bob"))).isEqualTo(Status.Code.OK);
        // An API key without a principal is its own caller too.
        assertThat(echo(as(TestPrincipalInterceptor.API_KEY, "key-1"))).isEqualTo(Status.Code.OK);
        // Anonymous: the client IP's bucket, untouched by alice's calls.
        assertThat(echo(as(Metadata.Key.of("x-other", Metadata.ASCII_STRING_MARSHALLER), "1")))
            .isEqualTo(Status.Code.OK);
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        List<Status.Code> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // A different forged client address on every call: all of them are the peer 127.0.0.1's bucket.
            EchoServiceGrpc.EchoServiceBlockingStub stub = as(RateLimitClientIpTest.X_FORWARDED_FOR, "203.0.113." + i);
            codes.add(code(() -> stub.expand(EchoRequest.newBuilder().setText("x").setRepeat(1).build())
                .forEachRemaining(r -> {
                })));
        }
        assertThat(codes).containsExactly(Status.Code.OK, Status.Code.OK, Status.Code.OK,
                Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void callsCancelledOrPastTheirDeadlineAfterAdmissionCostOneToken() {
        EchoServiceGrpc.EchoServiceBlockingStub stub = as(TestPrincipalInterceptor.PRINCIPAL, "deadline-user");
        for (int i = 0; i < 4; i++) {
            // Long enough for the call to reach the server on a loaded machine (a deadline that passes on the
            // client first never costs a token); the echo service stops its delay when the deadline passes.
            StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub.withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                        .echo(EchoRequest.newBuilder().setText("slow").setDelayMs(2_000).build()));
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        }
        assertThat(echo(stub)).isEqualTo(Status.Code.OK);
        assertThat(echo(stub)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
        try {
            return any.unpack(type);
        }
        catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Principals {

        @Bean
        @GrpcGlobalServerInterceptor
        TestPrincipalInterceptor testPrincipalInterceptor() {
            return new TestPrincipalInterceptor();
        }
    }
}
