package io.github.grpcops.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.grpcops.requestlog.GrpcRequestLog;
import io.github.grpcops.requestlog.GrpcRequestLogRepository;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.RawHttp2;
import io.github.grpcops.test.RawHttp2.StreamEnd;
import io.github.grpcops.test.postgres.TestPostgres;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request frames grpc-java cannot read, written by hand to a real Netty server with the request log in
 * PostgreSQL: each is recorded as the error it is (never as a client cancellation), the client gets a
 * status where grpc-java 1.63 lets it (gzip that is not gzip) and a bare stream reset where it does not,
 * and a flood of them costs one summarised log line instead of a stack trace per request.
 */
@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms", "grpc.jdbc.initialize-schema=always" })
@Import(TestPostgres.DataSource.class)
@ExtendWith(OutputCaptureExtension.class)
class MalformedFramesTest {

    private static final String ECHO = "/grpcops.test.v1.EchoService/Echo";

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A valid EchoRequest: the frames around it are what is wrong. */
    private static final byte[] REQUEST = EchoCalls.text("hello").toByteArray();

    @Autowired
    GrpcTestClient client;

    @Autowired
    GrpcRequestLogRepository rows;

    @Test
    void compressedFlagWithoutGrpcEncodingIsRecordedAsAMalformedFrameNotACancellation() throws Exception {
        String requestId = "mf-compressed-" + System.nanoTime();
        StreamEnd end = send(requestId, RawHttp2.message(true, REQUEST));
        assertThat(end.resetCode()).as("grpc-java 1.63 resets the stream; no status reaches the client")
            .isEqualTo(RawHttp2.CANCEL);
        GrpcRequestLog row = row(requestId);
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("INTERNAL");
        assertThat(row.getErrorMessage()).startsWith("Malformed request frame, stream reset (MALFORMED_FRAME): ")
            .contains("compression not configured");
    }

    @Test
    void gzipFlagOnBytesThatAreNotGzipGetsInvalidArgumentAndIsRecordedSo() throws Exception {
        String requestId = "mf-gzip-" + System.nanoTime();
        StreamEnd end = send(requestId, RawHttp2.message(true, "these bytes are not gzip".getBytes(StandardCharsets.UTF_8)),
                "grpc-encoding", "gzip");
        assertThat(end.grpcStatus()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
        assertThat(end.grpcMessage()).isEqualTo("Request message is not valid gzip although its grpc-encoding says so");
        assertThat(end.headers().contains("grpc-status-details-bin")).isTrue();
        GrpcRequestLog row = row(requestId);
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void lengthPrefixLongerThanTheBodyIsRecordedAsAMalformedFrame() throws Exception {
        String requestId = "mf-truncated-" + System.nanoTime();
        StreamEnd end = send(requestId, RawHttp2.message(false, REQUEST.length + 100, REQUEST));
        assertThat(end.resetCode()).isEqualTo(RawHttp2.CANCEL);
        GrpcRequestLog row = row(requestId);
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("INTERNAL");
        assertThat(row.getErrorMessage()).contains("MALFORMED_FRAME").contains("Encountered end-of-stream mid-frame");
    }

    @Test
    void declaredLengthAboveTwiceTheLimitIsRecordedAsResourceExhausted() throws Exception {
        String requestId = "mf-huge-" + System.nanoTime();
        // The limit is 4MB, the transport's ceiling twice that: a 9MB declaration is refused on sight.
        StreamEnd end = send(requestId, RawHttp2.message(false, 9 * 1024 * 1024, REQUEST));
        assertThat(end.resetCode()).isEqualTo(RawHttp2.CANCEL);
        GrpcRequestLog row = row(requestId);
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getGrpcStatus()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(row.getErrorMessage()).contains("MALFORMED_FRAME").contains("exceeds maximum size");
    }

    @Test
    void twoHundredMalformedFramesAreLoggedOnceWithACountAndNeverWithAStackTrace(CapturedOutput output)
            throws Exception {
        String prefix = "mf-flood-" + System.nanoTime() + "-";
        try (RawHttp2 connection = RawHttp2.connect(this.client.port())) {
            for (int i = 0; i < 200; i++) {
                int stream = 2 * i + 1;
                connection.headers(stream, RawHttp2.grpcRequest(ECHO, "x-request-id", prefix + i), false);
                connection.data(stream, RawHttp2.message(false, REQUEST.length + 100, REQUEST), true);
            }
            for (int i = 0; i < 200; i++) {
                assertThat(connection.awaitEnd(2 * i + 1, WAIT)).isNotNull();
            }
        }
        await().atMost(WAIT).until(() -> this.rows.findByRequestId(prefix + 199).size() == 1);
        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("NettyServerStream")).isEmpty();
        assertThat(lines).filteredOn(line -> line.startsWith("\tat ")).isEmpty();
        assertThat(lines).filteredOn(line -> line.contains("GrpcJavaStreamWarnings")
                && line.contains("Encountered end-of-stream mid-frame"))
            .hasSizeLessThanOrEqualTo(1);
    }

    private StreamEnd send(String requestId, byte[] frame, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "x-request-id";
        all[1] = requestId;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return RawHttp2.call(this.client.port(), ECHO, frame, all);
    }

    private GrpcRequestLog row(String requestId) {
        await().atMost(WAIT).until(() -> this.rows.findByRequestId(requestId).size() == 1);
        return this.rows.findByRequestId(requestId).get(0);
    }
}
