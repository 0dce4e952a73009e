package io.github.grpcops.tracing;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.consolelog.ConsoleLogProperties;
import io.github.grpcops.consolelog.ConsoleLogServerInterceptor;
import io.github.grpcops.pipeline.CallFactsServerInterceptor;
import io.github.grpcops.pipeline.ClientIpLookup;
import io.github.grpcops.requestlog.InFlightCalls;
import io.github.grpcops.requestlog.RequestLogEntry;
import io.github.grpcops.requestlog.RequestLogProperties;
import io.github.grpcops.requestlog.RequestLogServerInterceptor;
import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.requestlog.RequestLogWriterCounts;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.requestlog.rollup.RequestStatsTable;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.InProcessPipeline;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.grpc.Channel;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a tracing library, a call joins its caller's trace as a valid {@code traceparent} names it: the
 * request-log row, the console lines, the MDC of service code and the calls it makes all carry the
 * caller's trace and span ids, on every call type. A malformed header is ignored everywhere. Pipeline on
 * grpc-java's in-process transport, without Spring.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceParentTracingTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private static final String PARENT_ID = "b7ad6b7169203331";

    private final BlockingQueue<RequestLogEntry> rows = new LinkedBlockingQueue<>();

    private InProcessPipeline pipeline;

    @BeforeEach
    void start() {
        ConsoleLogProperties console = new ConsoleLogProperties();
        console.setSuccessLevel(Level.INFO);
        this.pipeline = InProcessPipeline.of(new EchoTestService(), new CallFactsServerInterceptor(ClientIpLookup.PEER),
                new RequestLogServerInterceptor(new RequestLogProperties(), new QueueWriter(), new InFlightCalls(),
                        unflushedStats()),
                new TracingServerInterceptor(new GrpcTracingProperties(), new TraceParentCallTracer()),
                new ConsoleLogServerInterceptor(console));
    }

    /** Rollups this test never flushes: the data source is never asked for a connection. */
    private static RequestStatsRecorder unflushedStats() {
        return new RequestStatsRecorder(new RequestStatsTable(new SimpleDriverDataSource(), RequestStatsTable.TABLE),
                null);
    }

    @AfterEach
    void stop() throws InterruptedException {
        this.pipeline.close();
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void aCallOfEveryTypeCarriesItsCallersTraceToTheRowTheLogsTheMdcAndTheCallsItMakes(MethodType type,
            CapturedOutput output) throws Exception {
        String header = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
        assertThat(reply(header, "mdc-trace", type)).isEqualTo(TRACE_ID + " " + PARENT_ID);
        assertThat(row().traceId()).isEqualTo(TRACE_ID);
        assertThat(reply(header, "traceparent-out", type)).as("passed on as it came: this server adds no span")
            .isEqualTo(header);
        RequestLogEntry row = row();
        assertThat(row.traceId()).isEqualTo(TRACE_ID);
        assertThat(row.spanId()).isEqualTo(PARENT_ID);
        assertThat(output.getOut()).contains("gRPC call started " + EchoCall.method(type).getFullMethodName())
            .containsPattern("gRPC call ended " + EchoCall.method(type).getFullMethodName()
                    + " status=OK .* requestId=\\S+ traceId=" + TRACE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = { "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
            "00-00000000000000000000000000000000-b7ad6b7169203331-01",
            "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-injected",
            "0af7651916cd43dd8448eb211c80319c" })
    void aMalformedTraceParentIsIgnoredAndNeverStored(String header, CapturedOutput output) throws Exception {
        assertThat(reply(header, "mdc-trace", MethodType.UNARY)).isEqualTo("null null");
        assertThat(reply(header, "traceparent-out", MethodType.UNARY)).isEqualTo("null");
        for (RequestLogEntry row : List.of(row(), row())) {
            assertThat(row.traceId()).isNull();
            assertThat(row.spanId()).isNull();
        }
        assertThat(output.getOut()).contains("gRPC call ended").doesNotContain("traceId=");
    }

    @Test
    void aCallWithoutTraceParentIsNotTraced() throws Exception {
        EchoCall call = EchoCall.complete(this.pipeline.channel(), MethodType.UNARY, null, request("mdc-trace"));
        assertThat(call.status().isOk()).isTrue();
        assertThat(call.replies()).extracting(EchoReply::getText).containsExactly("null null");
        assertThat(row().traceId()).isNull();
    }

    private String reply(String traceparent, String text, MethodType type) {
        Channel channel = GrpcTestClient.withHeader(this.pipeline.channel(), TraceParent.HEADER, traceparent);
        EchoCall call = EchoCall.complete(channel, type, null, request(text));
        assertThat(call.status().isOk()).isTrue();
        assertThat(call.replies()).isNotEmpty();
        return call.replies().get(0).getText();
    }

    private static EchoRequest request(String text) {
        return EchoRequest.newBuilder().setText(text).setRepeat(1).build();
    }

    private RequestLogEntry row() throws InterruptedException {
        RequestLogEntry row = this.rows.poll(10, TimeUnit.SECONDS);
        assertThat(row).as("a request-log row").isNotNull();
        return row;
    }

    /** The writer: rows as the request log hands them over. */
    private final class QueueWriter implements RequestLogWriter {

        @Override
        public void write(RequestLogEntry entry) {
            TraceParentTracingTest.this.rows.add(entry);
        }

        @Override
        public RequestLogWriterCounts counts() {
            return new RequestLogWriterCounts(0, 0, 0, 0, 0, 0);
        }
    }
}
