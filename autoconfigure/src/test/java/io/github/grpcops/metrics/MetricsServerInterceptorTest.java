package io.github.grpcops.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Metrics over a real Netty server, every call type and ending, read back from the application's
 * MeterRegistry and over real HTTP from {@code /actuator/grpc/metrics}.
 */
@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=grpc", "grpc.metrics.percentiles=0.5" })
class MetricsServerInterceptorTest {

    private static final String SERVICE = "grpcops.test.v1.EchoService";

    @Autowired
    GrpcTestClient client;

    @Autowired
    MeterRegistry registry;

    @Autowired
    GrpcMetrics metrics;

    @Autowired
    GlobalServerInterceptorRegistry interceptors;

    @Autowired
    TestRestTemplate http;

    @Autowired
    org.springframework.context.ApplicationContext context;

    private EchoServiceGrpc.EchoServiceBlockingStub blocking() {
        return EchoServiceGrpc.newBlockingStub(this.client.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private long timed(String method, Status.Code code) {
        Timer timer = this.registry.find(MetricsServerInterceptor.DURATION)
            .tags("service", SERVICE, "method", method, "statusCode", code.name())
            .timer();
        return (timer != null) ? timer.count() : 0;
    }

    private double counted(String name, String method) {
        var counter = this.registry.find(name).tags("service", SERVICE, "method", method).counter();
        return (counter != null) ? counter.count() : 0;
    }

    @Test
    void eachCallIsTimedExactlyOnceBecauseNetDevhsInterceptorIsTakenOut() {
        assertThat(this.interceptors.getServerInterceptors()).hasAtLeastOneElementOfType(MetricsServerInterceptor.class)
            .noneMatch(MetricCollectingServerInterceptor.class::isInstance);
        assertThat(this.context.getBeansOfType(MetricCollectingServerInterceptor.class)).isEmpty();
        long before = timed("Echo", Status.Code.OK);
        for (int i = 0; i < 7; i++) {
            blocking().echo(EchoRequest.newBuilder().setText("hi").build());
        }
        await().untilAsserted(() -> assertThat(timed("Echo", Status.Code.OK)).isEqualTo(before + 7));
        Timer timer = this.registry.get(MetricsServerInterceptor.DURATION)
            .tags("method", "Echo", "statusCode", "OK", "methodType", "UNARY")
            .timer();
        assertThat(timer.takeSnapshot().percentileValues()).hasSize(1);
    }

    @Test
    void streamingCallsCountMessagesInAndOut() {
        double expandOut = counted(MetricsServerInterceptor.RESPONSES, "Expand");
        blocking().expand(EchoRequest.newBuilder().setText("x").setRepeat(4).build()).forEachRemaining(r -> {
        });
        double collectIn = counted(MetricsServerInterceptor.REQUESTS, "Collect");
        long chats = timed("Chat", Status.Code.OK);
        EchoCalls.collect(this.client.channel(), List.of(EchoCalls.text("a"), EchoCalls.text("b"), EchoCalls.text("c")));
        EchoCalls.chat(this.client.channel(), List.of(EchoCalls.text("a"), EchoCalls.text("b")));

        await().untilAsserted(() -> {
            assertThat(counted(MetricsServerInterceptor.RESPONSES, "Expand")).isEqualTo(expandOut + 4);
            assertThat(counted(MetricsServerInterceptor.REQUESTS, "Collect")).isEqualTo(collectIn + 3);
            assertThat(timed("Chat", Status.Code.OK)).isEqualTo(chats + 1);
        });
    }

    @Test
    void statusTagIsWhatTheClientReceivedEvenForAnExceptionMappedOutside() {
        long notFound = timed("Echo", Status.Code.NOT_FOUND);
        long internal = timed("Echo", Status.Code.INTERNAL);
        catchThrowableOfType(StatusRuntimeException.class,
                () -> blocking().echo(EchoRequest.newBuilder().setFailWith("NOT_FOUND").build()));
        StatusRuntimeException thrown = catchThrowableOfType(StatusRuntimeException.class,
                () -> blocking().echo(EchoRequest.newBuilder().setFailWith("THROW").build()));
        assertThat(thrown.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);

        await().untilAsserted(() -> {
            assertThat(timed("Echo", Status.Code.NOT_FOUND)).isEqualTo(notFound + 1);
            assertThat(timed("Echo", Status.Code.INTERNAL)).isEqualTo(internal + 1);
        });
        assertThat(timed("Echo", Status.Code.UNKNOWN)).isZero();
    }

    @Test
    void deadlinesAndCancellationsAreTaggedAndLeaveNoCallInFlight() throws Exception {
        long deadlines = timed("Echo", Status.Code.DEADLINE_EXCEEDED);
        long cancels = timed("Chat", Status.Code.CANCELLED);
        catchThrowableOfType(StatusRuntimeException.class, () -> EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
            .echo(EchoRequest.newBuilder().setDelayMs(1500).build()));

        CompletableFuture<ClientCallStreamObserver<EchoRequest>> started = new CompletableFuture<>();
        EchoServiceGrpc.newStub(this.client.channel()).chat(new ClientResponseObserver<EchoRequest, EchoReply>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<EchoRequest> requests) {
                started.complete(requests);
            }

            @Override
            public void onNext(EchoReply value) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        });
        ClientCallStreamObserver<EchoRequest> chat = started.get(10, TimeUnit.SECONDS);
        chat.onNext(EchoRequest.newBuilder().setText("a").build());
        await().until(() -> this.registry.get(MetricsServerInterceptor.ACTIVE).gauge().value() >= 1);
        chat.cancel("test cancels", null);

        await().untilAsserted(() -> {
            assertThat(timed("Echo", Status.Code.DEADLINE_EXCEEDED)).isEqualTo(deadlines + 1);
            assertThat(timed("Chat", Status.Code.CANCELLED)).isEqualTo(cancels + 1);
            assertThat(this.registry.get(MetricsServerInterceptor.ACTIVE).gauge().value()).isZero();
        });
    }

    @Test
    void snapshotCountsEveryCallSinceStartPerMethod() {
        for (int i = 0; i < 3; i++) {
            blocking().echo(EchoRequest.newBuilder().setText("hi").setDelayMs(20).build());
        }
        catchThrowableOfType(StatusRuntimeException.class,
                () -> blocking().echo(EchoRequest.newBuilder().setFailWith("INTERNAL").build()));

        await().untilAsserted(() -> {
            GrpcMetricsSnapshot snapshot = this.metrics.snapshot();
            GrpcMetricsSnapshot.MethodStats echo = snapshot.methods().stream()
                .filter(m -> m.method().equals("Echo")).findFirst().orElseThrow();
            assertThat(echo.service()).isEqualTo(SERVICE);
            assertThat(echo.type()).isEqualTo("UNARY");
            assertThat(echo.stats().success()).isGreaterThanOrEqualTo(3);
            assertThat(echo.stats().errors()).isGreaterThanOrEqualTo(1);
            assertThat(echo.stats().calls()).isEqualTo(echo.stats().success() + echo.stats().errors()
                    + echo.stats().cancelled());
            assertThat(echo.stats().p99Millis()).isGreaterThanOrEqualTo(echo.stats().p95Millis()).isGreaterThanOrEqualTo(20);
            assertThat(snapshot.total().calls()).isGreaterThanOrEqualTo(echo.stats().calls());
        });
    }

    @Test
    void actuatorServesTheSnapshotPerServiceAnd404ForAServiceWithoutCalls() {
        blocking().echo(EchoRequest.newBuilder().setText("hi").build());

        ResponseEntity<Map> all = this.http.getForEntity("/actuator/grpc/metrics", Map.class);
        assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((Map<String, Object>) all.getBody().get("total")).containsKeys("calls", "p95Millis", "p99Millis");
        ResponseEntity<Map> one = this.http.getForEntity("/actuator/grpc/metrics/" + SERVICE, Map.class);
        assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((java.util.List<Map<String, Object>>) one.getBody().get("methods"))
            .allSatisfy(m -> assertThat(m).containsEntry("service", SERVICE));
        assertThat(this.http.getForEntity("/actuator/grpc/metrics/no.Such", String.class).getStatusCode())
            .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map> overview = this.http.getForEntity("/actuator/grpc", Map.class);
        assertThat((Map<String, Object>) overview.getBody().get("metrics")).containsKey("calls");
    }
}
