package io.github.grpcops.client;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.grpcops.client.test.EchoReply;
import io.github.grpcops.client.test.EchoRequest;
import io.github.grpcops.client.test.EchoServiceGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.grpcops.client.TestServer.ECHO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client interceptors end to end: what a real server receives from them, on every call type
 * (generated stubs for unary and server streaming, the dynamic client on the same channel for client
 * streaming and bidi).
 */
class ClientInterceptorsTest {

    private static final Metadata.Key<String> AUTHORIZATION = BearerTokenClientInterceptor.AUTHORIZATION;

    private static TestServer server;

    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        server = TestServer.start(new EchoService(), TestServer.reflectionV1());
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void bearerTokenIsReadAtEveryCallAndSentOnEveryCallType() {
        AtomicReference<String> token = new AtomicReference<>("token-1");
        Channel intercepted = intercepted(new BearerTokenClientInterceptor(token::get));
        EchoServiceGrpc.newBlockingStub(intercepted).echo(EchoRequest.getDefaultInstance());
        assertThat(lastHeader(AUTHORIZATION)).isEqualTo("Bearer token-1");

        token.set("token-2");
        drain(EchoServiceGrpc.newBlockingStub(intercepted).expand(EchoRequest.newBuilder().setRepeat(2).build()));
        assertThat(lastHeader(AUTHORIZATION)).isEqualTo("Bearer token-2");

        DynamicGrpcClient dynamic = DynamicGrpcClient.forChannel(intercepted);
        token.set("token-3");
        dynamic.call(ECHO, "Collect").requests(List.of("{\"text\": \"x\"}")).execute();
        assertThat(lastHeader(AUTHORIZATION)).isEqualTo("Bearer token-3");

        token.set("token-4");
        dynamic.call(ECHO, "Chat").requests(List.of("{\"text\": \"x\"}")).execute();
        assertThat(lastHeader(AUTHORIZATION)).isEqualTo("Bearer token-4");
    }

    @Test
    void noTokenSendsNoAuthorizationHeader() {
        EchoServiceGrpc.newBlockingStub(intercepted(new BearerTokenClientInterceptor(() -> null)))
            .echo(EchoRequest.getDefaultInstance());
        assertThat(server.lastHeaders().containsKey(AUTHORIZATION)).isFalse();
    }

    @Test
    void apiKeyIsSentAsXApiKey() {
        EchoServiceGrpc.newBlockingStub(intercepted(new ApiKeyClientInterceptor("gk_live_abc")))
            .echo(EchoRequest.getDefaultInstance());
        assertThat(lastHeader(ApiKeyClientInterceptor.API_KEY)).isEqualTo("gk_live_abc");
    }

    @Test
    void dynamicClientPassesEveryCallThroughItsInterceptorsAndAnExplicitHeaderWins() {
        try (DynamicGrpcClient client = server.client()
            .intercept(new ApiKeyClientInterceptor("from-interceptor"))
            .build()) {
            client.call(ECHO, "Echo").execute();
            assertThat(lastHeader(ApiKeyClientInterceptor.API_KEY)).isEqualTo("from-interceptor");
            client.call(ECHO, "Echo").metadata("x-api-key", "explicit").execute();
            assertThat(server.lastHeaders().getAll(ApiKeyClientInterceptor.API_KEY)).containsExactly("explicit");
        }
    }

    @Test
    void requestIdOutsideAServerCallIsTheGivenOne() {
        EchoServiceGrpc.newBlockingStub(intercepted(new RequestIdClientInterceptor(() -> "given-1")))
            .echo(EchoRequest.getDefaultInstance());
        assertThat(lastHeader(RequestIdClientInterceptor.REQUEST_ID)).isEqualTo("given-1");
    }

    @Test
    void requestIdOutsideAServerCallIsANewUuidPerCall() {
        EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc
            .newBlockingStub(intercepted(new RequestIdClientInterceptor()));
        stub.echo(EchoRequest.getDefaultInstance());
        String first = lastHeader(RequestIdClientInterceptor.REQUEST_ID);
        stub.echo(EchoRequest.getDefaultInstance());
        assertThat(first).hasSize(36);
        assertThat(lastHeader(RequestIdClientInterceptor.REQUEST_ID)).hasSize(36).isNotEqualTo(first);
    }

    @Test
    void requestIdOfTheCallBeingServedComesFromTheSourcesOnTheClassPath() throws Exception {
        // TestRequestIdSource is registered in this module's test META-INF/services.
        EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc
            .newBlockingStub(intercepted(new RequestIdClientInterceptor(() -> "not-this-one")));
        Context.current()
            .withValue(TestRequestIdSource.SERVED, "served-9")
            .call(() -> stub.echo(EchoRequest.getDefaultInstance()));
        assertThat(lastHeader(RequestIdClientInterceptor.REQUEST_ID)).isEqualTo("served-9");
        stub.echo(EchoRequest.getDefaultInstance());
        assertThat(lastHeader(RequestIdClientInterceptor.REQUEST_ID)).isEqualTo("not-this-one");
    }

    @Test
    void traceParentOfTheCallBeingServedIsSentOnEveryCallTypeAndTheGivenOneOutsideIt() throws Exception {
        // TestTraceParentSource is registered in this module's test META-INF/services.
        String served = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String given = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        Channel intercepted = intercepted(new TraceParentClientInterceptor(() -> given));
        DynamicGrpcClient dynamic = DynamicGrpcClient.forChannel(intercepted);
        Context serving = Context.current().withValue(TestTraceParentSource.SERVED, served);
        serving.call(() -> EchoServiceGrpc.newBlockingStub(intercepted).echo(EchoRequest.getDefaultInstance()));
        assertThat(lastHeader(TraceParentClientInterceptor.TRACEPARENT)).isEqualTo(served);
        serving.run(() -> drain(EchoServiceGrpc.newBlockingStub(intercepted)
            .expand(EchoRequest.newBuilder().setRepeat(2).build())));
        assertThat(lastHeader(TraceParentClientInterceptor.TRACEPARENT)).isEqualTo(served);
        serving.run(() -> dynamic.call(ECHO, "Collect").requests(List.of("{\"text\": \"x\"}")).execute());
        assertThat(lastHeader(TraceParentClientInterceptor.TRACEPARENT)).isEqualTo(served);
        serving.run(() -> dynamic.call(ECHO, "Chat").requests(List.of("{\"text\": \"x\"}")).execute());
        assertThat(lastHeader(TraceParentClientInterceptor.TRACEPARENT)).isEqualTo(served);

        EchoServiceGrpc.newBlockingStub(intercepted).echo(EchoRequest.getDefaultInstance());
        assertThat(lastHeader(TraceParentClientInterceptor.TRACEPARENT)).isEqualTo(given);
    }

    @Test
    void noTraceOutsideAServerCallSendsNoTraceParent() {
        EchoServiceGrpc.newBlockingStub(intercepted(new TraceParentClientInterceptor()))
            .echo(EchoRequest.getDefaultInstance());
        assertThat(server.lastHeaders().containsKey(TraceParentClientInterceptor.TRACEPARENT)).isFalse();
    }

    private static Channel intercepted(ClientInterceptor interceptor) {
        return ClientInterceptors.intercept(channel, interceptor);
    }

    private static String lastHeader(Metadata.Key<String> key) {
        return server.lastHeaders().get(key);
    }

    private static void drain(Iterator<EchoReply> replies) {
        replies.forEachRemaining(reply -> {
        });
    }
}
