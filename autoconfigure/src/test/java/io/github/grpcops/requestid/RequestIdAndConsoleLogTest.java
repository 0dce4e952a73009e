package io.github.grpcops.requestid;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.grpcops.consolelog.ConsoleLogServerInterceptor;
import io.github.grpcops.server.OverloadServerInterceptor;
import io.github.grpcops.server.RequestGuardServerInterceptor;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Request ids and the console log together, over a real Netty server: the id the caller sent (or a
 * new one) reaches service code, the MDC, the response headers and every console line of the call.
 */
@EchoServerTest(properties = { "grpc.console-log.success-level=info", "grpc.console-log.slow-threshold=300ms",
        "grpc.server.max-inbound-metadata-size=32KB" })
@ExtendWith(OutputCaptureExtension.class)
class RequestIdAndConsoleLogTest {

    @Autowired
    GrpcTestClient client;

    @Autowired
    GlobalServerInterceptorRegistry registry;

    @Test
    void callersSaneIdReachesServiceContextMdcHeadersAndBothLogLines(CapturedOutput output) {
        String id = "order-7f3a";
        AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
        EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc.newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(idHeader(id)),
                    MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()));
        EchoReply reply = stub.echo(EchoCalls.text("mdc"));
        assertThat(reply.getRequestId()).isEqualTo(id);
        assertThat(reply.getText()).as("MDC in service code").isEqualTo(id);
        assertThat(responseHeaders.get().get(RequestIds.HEADER)).isEqualTo(id);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
            .contains("gRPC call started grpcops.test.v1.EchoService/Echo type=UNARY")
            .containsPattern("gRPC call ended grpcops.test.v1.EchoService/Echo status=OK result=success "
                    + "durationMs=[0-9.]+ in=1 out=1 peer=/127.0.0.1:[0-9]+ requestId=" + id));
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
            .containsPattern("WARN .*gRPC call ended grpcops.test.v1.EchoService/Echo status=OK .*requestId=slow-1 SLOW"));
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

    @Test
    void deadlineIsLoggedAsATimeout(CapturedOutput output) {
        assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> EchoServiceGrpc
            .newBlockingStub(this.client.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(idHeader("late-1")))
            .withDeadlineAfter(100, TimeUnit.MILLISECONDS)
            .echo(EchoRequest.newBuilder().setDelayMs(500).build()));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
            .containsPattern("WARN .*Echo status=DEADLINE_EXCEEDED result=timeout .*requestId=late-1"));
    }

    @Test
    void builtInsAreRegisteredWithNetDevhInPipelineOrder() {
        List<ServerInterceptor> ours = this.registry.getServerInterceptors()
            .stream()
            .filter(i -> i.getClass().getName().startsWith("io.github.grpcops"))
            .toList();
        assertThat(ours).extracting(Object::getClass)
            .containsSubsequence(RequestIdServerInterceptor.class, OverloadServerInterceptor.class,
                    ConsoleLogServerInterceptor.class, RequestGuardServerInterceptor.class);
        assertThat(ours).extracting(i -> ((Ordered) i).getOrder()).isSorted();
    }

    private static Metadata idHeader(String id) {
        Metadata metadata = new Metadata();
        metadata.put(RequestIds.HEADER, id);
        return metadata;
    }
}
