package io.github.grpcops.server;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.GrpcRequestLogRepository;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.ErrorDetails;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.RawCall;
import io.github.grpcops.test.RawHttp2;
import io.github.grpcops.test.RawHttp2.StreamEnd;
import io.github.grpcops.test.postgres.TestPostgres;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls grpc-java refuses before any interceptor (an unknown method, an unknown {@code grpc-encoding}, a
 * malformed {@code grpc-timeout}) go through the pipeline on a real Netty server: the client gets the
 * status with the {@code ErrorInfo} every refusal carries, the request log (PostgreSQL) has a row and
 * metrics count the call, and a scan of made-up method names adds one bounded label, not one per name.
 */
@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms", "grpc.jdbc.initialize-schema=always" })
@Import(TestPostgres.DataSource.class)
class RefusedBeforeInterceptorsTest {

    private static final String ECHO = "/grpcops.test.v1.EchoService/Echo";

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    GrpcTestClient client;

    @Autowired
    GrpcRequestLogRepository rows;

    @Autowired
    MeterRegistry meters;

    @Test
    void unknownMethodIsRefusedThroughThePipelineAndRecordedUnderTheUnknownLabel() {
        String requestId = "unknown-method-" + System.nanoTime();
        Metadata headers = new Metadata();
        headers.put(RequestIds.HEADER, requestId);
        RawCall.Closed closed = RawCall.send(this.client.channel(), RawCall.unary("no.such.Service/Call"), headers,
                new byte[0]);
        assertThat(closed.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(closed.status().getDescription()).isEqualTo("Method not found: no.such.Service/Call");
        ErrorDetails.assertErrorInfo(closed.failure(), UnknownMethods.REASON, "grpc-ops", requestId);
        GrpcRequestLog row = row(requestId);
        assertThat(row.getService()).isEqualTo("unknown");
        assertThat(row.getMethod()).isEqualTo("unknown");
        assertThat(row.getFullMethod()).isEqualTo("unknown/unknown");
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("UNIMPLEMENTED");
        assertThat(row.getErrorMessage()).isEqualTo("Method not found: no.such.Service/Call");
    }

    @Test
    void unknownMethodOfAKnownServiceIsRefusedTheSameWay() {
        RawCall.Closed closed = RawCall.send(this.client.channel(),
                RawCall.unary("grpcops.test.v1.EchoService/NoSuchMethod"), new Metadata(), new byte[0]);
        assertThat(closed.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(closed.status().getDescription())
            .isEqualTo("Method not found: grpcops.test.v1.EchoService/NoSuchMethod");
    }

    @Test
    void scanOfMadeUpMethodNamesIsCountedUnderOneLabel() {
        double before = unknownCalls();
        ManagedChannel channel = this.client.channel();
        for (int i = 0; i < 300; i++) {
            Status status = RawCall.send(channel, RawCall.unary("scan.Service" + i + "/Probe" + i), new Metadata(),
                    new byte[0]).status();
            assertThat(status.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        }
        assertThat(unknownCalls() - before).isEqualTo(300);
        Set<String> methods = this.meters.find("grpc.server.processing.duration")
            .timers()
            .stream()
            .map(timer -> timer.getId().getTag("method"))
            .collect(Collectors.toSet());
        assertThat(methods).noneMatch(method -> method.startsWith("Probe"));
        Set<String> services = this.meters.find("grpc.server.processing.duration")
            .timers()
            .stream()
            .map(timer -> timer.getId().getTag("service"))
            .collect(Collectors.toSet());
        assertThat(services).noneMatch(service -> service.startsWith("scan."));
    }

    @Test
    void unknownGrpcEncodingIsRefusedThroughThePipelineAndRecorded() throws Exception {
        String requestId = "bad-encoding-" + System.nanoTime();
        StreamEnd end = unary(requestId, "grpc-encoding", "snappy");
        assertThat(end.grpcStatus()).isEqualTo(Status.Code.UNIMPLEMENTED.value());
        assertThat(end.grpcMessage()).startsWith("Can't find decompressor for snappy; this server accepts grpc-encoding ")
            .contains("gzip");
        assertThat(end.headers().contains("grpc-status-details-bin")).isTrue();
        GrpcRequestLog row = row(requestId);
        assertThat(row.getFullMethod()).isEqualTo("grpcops.test.v1.EchoService/Echo");
        assertThat(row.getGrpcStatus()).isEqualTo("UNIMPLEMENTED");
        assertThat(row.getErrorMessage()).startsWith("Can't find decompressor for snappy");
    }

    @Test
    void malformedGrpcTimeoutIsInvalidArgumentThroughThePipelineAndRecorded() throws Exception {
        String requestId = "bad-timeout-" + System.nanoTime();
        StreamEnd end = unary(requestId, "grpc-timeout", "forever");
        assertThat(end.grpcStatus()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
        assertThat(end.grpcMessage())
            .isEqualTo("The grpc-timeout header is not a timeout: 1 to 8 digits and a unit (H, M, S, m, u or n)");
        GrpcRequestLog row = row(requestId);
        assertThat(row.getFullMethod()).isEqualTo("grpcops.test.v1.EchoService/Echo");
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void wellFormedGrpcTimeoutStillSetsTheDeadline() throws Exception {
        StreamEnd end = unary("good-timeout-" + System.nanoTime(), "grpc-timeout", "5S");
        assertThat(end.grpcStatus()).isEqualTo(Status.Code.OK.value());
    }

    private StreamEnd unary(String requestId, String header, String value) throws Exception {
        return RawHttp2.call(this.client.port(), ECHO, RawHttp2.message(false, EchoCalls.text("hi").toByteArray()),
                "x-request-id", requestId, header, value);
    }

    private double unknownCalls() {
        return this.meters.find("grpc.server.processing.duration")
            .tag("service", "unknown")
            .tag("method", "unknown")
            .timers()
            .stream()
            .mapToDouble(Timer::count)
            .sum();
    }

    private GrpcRequestLog row(String requestId) {
        await().atMost(WAIT).until(() -> this.rows.findByRequestId(requestId).size() == 1);
        return this.rows.findByRequestId(requestId).get(0);
    }
}
