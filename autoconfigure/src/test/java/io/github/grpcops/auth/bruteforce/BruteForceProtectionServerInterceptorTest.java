package io.github.grpcops.auth.bruteforce;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.google.rpc.RetryInfo;
import io.github.bucket4j.TimeMeter;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.pipeline.CallAttributes;
import io.github.grpcops.pipeline.CallFactsServerInterceptor;
import io.github.grpcops.pipeline.CallRefuser;
import io.github.grpcops.pipeline.ClientIpLookup;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.InProcessPipeline;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The failure budget on grpc-java's in-process transport with a clock the test moves: refused calls, the
 * budget coming back one failure at a time, and calls that present no credential. A stand-in for
 * authentication refuses {@code Bearer bad} and counts every credential it is asked to check.
 */
class BruteForceProtectionServerInterceptorTest {

    private final AtomicLong nanos = new AtomicLong();

    private final AtomicInteger checked = new AtomicInteger();

    private InProcessPipeline pipeline;

    @BeforeEach
    void start() {
        GrpcAuthProperties.BruteForce properties = new GrpcAuthProperties.BruteForce();
        properties.setMaxFailures(2);
        properties.setPeriod(Duration.ofMinutes(1));
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return BruteForceProtectionServerInterceptorTest.this.nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.pipeline = InProcessPipeline.of(new EchoTestService(), new CallFactsServerInterceptor(ClientIpLookup.PEER),
                new BruteForceProtectionServerInterceptor(properties, new CallRefuser("brute.test"), time),
                authentication());
    }

    @AfterEach
    void stop() throws InterruptedException {
        this.pipeline.close();
    }

    @Test
    void afterMaxFailuresCallsWithACredentialAreRefusedUntilTheBudgetRefills() {
        assertCode(echo("Bearer bad"), Status.Code.UNAUTHENTICATED);
        assertCode(echo("Bearer bad"), Status.Code.UNAUTHENTICATED);
        assertThat(this.checked).hasValue(2);

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> call("Bearer good"));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription())
            .isEqualTo("Too many failed authentication attempts from this address; retry in 30000 ms");
        assertThat(ErrorDetails.errorInfo(refused).getReason()).isEqualTo("TOO_MANY_FAILED_AUTHENTICATIONS");
        assertThat(ErrorDetails.detail(refused, RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(30);
        assertThat(refused.getTrailers().get(Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER)))
            .isEqualTo("30");
        assertThat(this.checked).as("a refused call's credential is never checked").hasValue(2);

        // One failure comes back every period / max-failures: one more attempt, then refused again.
        this.nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertCode(echo("Bearer bad"), Status.Code.UNAUTHENTICATED);
        assertCode(echo("Bearer good"), Status.Code.RESOURCE_EXHAUSTED);
        this.nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(echo("Bearer good")).isEqualTo("ok");
        assertThat(this.checked).hasValue(4);
    }

    @Test
    void successesTakeNothingFromTheBudget() {
        for (int i = 0; i < 20; i++) {
            assertThat(echo("Bearer good")).isEqualTo("ok");
        }
        assertCode(echo("Bearer bad"), Status.Code.UNAUTHENTICATED);
        assertThat(echo("Bearer good")).isEqualTo("ok");
    }

    @Test
    void callsWithoutACredentialAreNeverRefused() {
        assertCode(echo("Bearer bad"), Status.Code.UNAUTHENTICATED);
        assertCode(echo("Bearer bad"), Status.Code.UNAUTHENTICATED);
        assertCode(echo("Bearer good"), Status.Code.RESOURCE_EXHAUSTED);
        assertThat(echo(null)).isEqualTo("ok");
    }

    @Test
    void invalidBudgetsAreRefusedWhenSetNamingTheProperty() {
        GrpcAuthProperties.BruteForce properties = new GrpcAuthProperties.BruteForce();
        assertThatThrownBy(() -> properties.setMaxFailures(0))
            .hasMessage("grpc.auth.brute-force.max-failures is 0, but must be at least 1.");
        assertThatThrownBy(() -> properties.setPeriod(Duration.ZERO))
            .hasMessage("grpc.auth.brute-force.period is 0s, but must be a duration longer than zero.");
        assertThatThrownBy(() -> properties.setMaxAddresses(0))
            .hasMessage("grpc.auth.brute-force.max-addresses is 0, but must be at least 1.");
    }

    /** The reply's text, or the status code's name the call failed with. */
    private String echo(String authorization) {
        try {
            return call(authorization);
        }
        catch (StatusRuntimeException ex) {
            return ex.getStatus().getCode().name();
        }
    }

    private String call(String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        }
        return EchoServiceGrpc.newBlockingStub(this.pipeline.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .echo(EchoRequest.newBuilder().setText("ok").build())
            .getText();
    }

    private static void assertCode(String outcome, Status.Code code) {
        assertThat(outcome).isEqualTo(code.name());
    }

    /** Refuses {@code Bearer bad} as authentication would, noting the refused credential. */
    private ServerInterceptor authentication() {
        Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        return new ServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
                    Metadata headers, ServerCallHandler<ReqT, RespT> next) {
                String credential = headers.get(authorization);
                if (credential != null) {
                    BruteForceProtectionServerInterceptorTest.this.checked.incrementAndGet();
                }
                if ("Bearer bad".equals(credential)) {
                    CallAttributes.current().credentialRefused();
                    call.close(Status.UNAUTHENTICATED, new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, headers);
            }
        };
    }
}
