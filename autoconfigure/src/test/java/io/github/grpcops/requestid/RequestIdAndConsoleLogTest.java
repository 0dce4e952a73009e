package io.github.grpcops.requestid;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.consolelog.ConsoleLogServerInterceptor;
import io.github.grpcops.pipeline.RequestIds;
import io.github.grpcops.server.BoundedCallExecutor;
import io.github.grpcops.server.OverloadServerInterceptor;
import io.github.grpcops.server.RequestGuardServerInterceptor;
import io.github.grpcops.test.EchoCall;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.github.grpcops.tracing.TracingServerInterceptor;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Request ids and the console log together, over a real Netty server: the id the caller sent (or a
 * new one) reaches service code, the MDC, the response headers and every console line of the call, in
 * every call type; a cancelled or timed-out call ends with exactly one line.
 */
@EchoServerTest(properties = { "grpc.console-log.success-level=info", "grpc.console-log.slow-threshold=300ms",
        "grpc.server.max-inbound-metadata-size=32KB", "grpc.auth.jwt.secret=" + TestTokens.SECRET })
@ExtendWith(OutputCaptureExtension.class)
class RequestIdAndConsoleLogTest {

    /** After the request id, the trace of a traced call (the tests' class path has a tracer). */
    private static final String TRACE_ID = "( traceId=[0-9a-f]{32})?";

    @Autowired
    GrpcTestClient client;

    @Autowired
    GlobalServerInterceptorRegistry registry;

    @Autowired
    BoundedCallExecutor executor;

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void callersSaneIdReachesServiceContextMdcHeadersAndBothLogLinesInEveryCallType(MethodType type,
            CapturedOutput output) {
        String id = "order-" + type.name().toLowerCase();
        EchoCall call = EchoCall.complete(this.client.channel(), type, id,
                EchoRequest.newBuilder().setText("mdc").setRepeat(2).build());
        assertThat(call.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(call.headers().get(RequestIds.HEADER)).isEqualTo(id);
        assertThat(call.replies()).isNotEmpty().allSatisfy(reply -> {
            assertThat(reply.getRequestId()).as("GrpcRequestId.current()").isEqualTo(id);
            assertThat(reply.getText()).as("MDC in service code").isEqualTo(id);
        });
        String method = EchoCall.method(type).getFullMethodName();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
            .contains("gRPC call started " + method + " type=" + type)
            .containsPattern("gRPC call ended " + method + " status=OK result=success durationMs=[0-9.]+ in=1 out="
                    + call.replies().size() + " peer=/127.0.0.1:[0-9]+ requestId=" + id));
    }

    @Test
    void unsafeIdsAreReplacedByAFreshUuid(CapturedOutput output) {
        for (String unsafe : List.of("evil\u0007bell", "x".repeat(10_000), "two words")) {
            AtomicReference<Metadata> trailers = new AtomicReference<>();
            AtomicReference<Metadata> headers = new AtomicReference<>();
            EchoReply reply = EchoServiceGrpc.newBlockingStub(this.client.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(idHeader(unsafe)),
                        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                .echo(EchoCalls.text("hi"));
            assertThat(UUID.fromString(reply.getRequestId())).isNotNull();
            assertThat(headers.get().get(RequestIds.HEADER)).isEqualTo(reply.getRequestId());
        }
        assertThat(output.getOut()).doesNotContain("evil").doesNotContain("xxxxxxxxxx").doesNotContain("two words");
    }

    @Test
    void callFailingBeforeHeadersCarriesItsIdInTheTrailers(CapturedOutput output) {
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        assertThatExceptionOfType(StatusRuntimeException.class)
            .isThrownBy(() -> EchoServiceGrpc.newBlockingStub(this.client.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(idHeader("fail-1")),
                        MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
                .echo(EchoRequest.newBuilder().setFailWith("INVALID_ARGUMENT").build()))
            .satisfies(ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(trailers.get().get(RequestIds.HEADER)).isEqualTo("fail-1");
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
            .containsPattern("WARN .*gRPC call ended grpcops.test.v1.EchoService/Echo status=INVALID_ARGUMENT "
                    + "description=\"failed on request\" result=error .*requestId=fail-1"));
    }

    @Test
    void serverFaultsAreErrorsAndSlowCallsAreFlagged(CapturedOutput output) {
        assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> EchoServiceGrpc
            .newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(idHeader("boom-1")))
            .echo(EchoRequest.newBuilder().setFailWith("THROW").build()));
        EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(idHeader("slow-1")))
            .echo(EchoRequest.newBuilder().setText("slow").setDelayMs(400).build());
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
            .containsPattern("ERROR .*gRPC call ended grpcops.test.v1.EchoService/Echo status=INTERNAL .*requestId=boom-1")
            .containsPattern("WARN .*gRPC call ended grpcops.test.v1.EchoService/Echo status=OK .*requestId=slow-1"
                    + TRACE_ID + " SLOW"));
        // The exception's text never reaches the console line of the call.
        assertThat(output.getOut()).doesNotContainPattern("gRPC call ended.*s3cr3t");
    }

    @Test
    void everyCallTypeIsLoggedWithItsCounts(CapturedOutput output) {
        EchoCalls.collect(this.client.channel(), List.of(EchoCalls.text("a"), EchoCalls.text("b")));
        EchoServiceGrpc.newBlockingStub(this.client.channel())
            .expand(EchoRequest.newBuilder().setText("x").setRepeat(3).build())
            .forEachRemaining(r -> { });
        EchoCalls.chat(this.client.channel(), List.of(EchoCalls.text("a"), EchoCalls.text("b"), EchoCalls.text("c")));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
            .containsPattern("Collect status=OK result=success durationMs=[0-9.]+ in=2 out=1")
            .containsPattern("Expand status=OK result=success durationMs=[0-9.]+ in=1 out=3")
            .containsPattern("Chat status=OK result=success durationMs=[0-9.]+ in=3 out=3"));
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void deadlineOfEveryCallTypeIsLoggedOnceAsATimeout(MethodType type, CapturedOutput output) {
        String id = "late-" + type.name().toLowerCase();
        EchoCall call = EchoCall.open(this.client.channel(), type, id,
                CallOptions.DEFAULT.withDeadlineAfter(100, TimeUnit.MILLISECONDS), slowRequest("late"));
        assertThat(call.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(theOnlyEndLine(output, type, id)).containsPattern(
                "WARN .*status=DEADLINE_EXCEEDED( description=\"[^\"]*\")? result=timeout ");
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = { "UNARY", "CLIENT_STREAMING", "SERVER_STREAMING", "BIDI_STREAMING" })
    void clientCancelledCallOfEveryTypeIsLoggedOnceWithItsIdAndNeverItsPayloadOrCredential(MethodType type,
            CapturedOutput output) {
        String id = "gone-" + type.name().toLowerCase();
        String token = TestTokens.hs256("console-user", Map.of());
        Metadata credential = new Metadata();
        credential.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        Channel authenticated = ClientInterceptors.intercept(this.client.channel(),
                MetadataUtils.newAttachHeadersInterceptor(credential));
        EchoCall call = EchoCall.open(authenticated, type, id, CallOptions.DEFAULT, slowRequest("card-4111-1111"));
        // Cancel while the service is at work on the call (it sleeps before answering).
        await().atMost(5, TimeUnit.SECONDS)
            .untilAsserted(() -> assertThat(output.getOut()).contains("started " + EchoCall.method(type)
                .getFullMethodName() + " type=" + type + " peer=").contains("requestId=" + id));
        call.cancel();
        assertThat(call.status().getCode()).isEqualTo(Status.Code.CANCELLED);
        assertThat(theOnlyEndLine(output, type, id))
            .containsPattern("WARN .*status=CANCELLED( description=\"[^\"]*\")? result=cancelled ");
        assertThat(output.getAll()).doesNotContain("card-4111-1111").doesNotContain(token);
    }

    /**
     * Waits for the call's end line, then for the service code still at work on the call to finish (a
     * second end line would be logged by then), and returns the one line.
     */
    private String theOnlyEndLine(CapturedOutput output, MethodType type, String id) {
        Pattern end = Pattern.compile("gRPC call ended " + Pattern.quote(EchoCall.method(type).getFullMethodName())
                + " .* requestId=" + Pattern.quote(id) + TRACE_ID + "( SLOW)?$");
        Supplier<List<String>> endLines = () -> output.getOut().lines().filter(end.asPredicate()).toList();
        await().atMost(5, TimeUnit.SECONDS).until(() -> !endLines.get().isEmpty());
        await().atMost(5, TimeUnit.SECONDS)
            .until(() -> this.executor.activeWorkers() == 0 && this.executor.queuedTasks() == 0);
        List<String> lines = endLines.get();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    /** Sleeps in service code long past the client's patience. */
    private static EchoRequest slowRequest(String text) {
        return EchoRequest.newBuilder().setText(text).setRepeat(2).setDelayMs(500).build();
    }

    @Test
    void builtInsAreRegisteredWithNetDevhInPipelineOrder() {
        List<ServerInterceptor> ours = this.registry.getServerInterceptors()
            .stream()
            .filter(i -> i.getClass().getName().startsWith("io.github.grpcops"))
            .toList();
        assertThat(ours).extracting(Object::getClass)
            .containsSubsequence(RequestIdServerInterceptor.class, TracingServerInterceptor.class,
                    OverloadServerInterceptor.class, ConsoleLogServerInterceptor.class,
                    RequestGuardServerInterceptor.class);
        assertThat(ours).extracting(i -> ((Ordered) i).getOrder()).isSorted();
    }

    private static Metadata idHeader(String id) {
        Metadata metadata = new Metadata();
        metadata.put(RequestIds.HEADER, id);
        return metadata;
    }
}
