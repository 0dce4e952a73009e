package io.github.grpcops.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.grpcops.requestid.GrpcRequestId;
import io.github.grpcops.requestid.RequestIdProperties;
import io.github.grpcops.requestid.RequestIdServerInterceptor;
import io.github.grpcops.test.EchoCalls;
import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.GrpcTestClient;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client interceptors end to end: what the real server receives from them, on every call type. The
 * server's authentication is off: these credentials are placeholders whose arrival is checked, not their
 * validity (the auth tests send real tokens and keys).
 */
@EchoServerTest(properties = "grpc.auth.enabled=false")
@Import(ClientInterceptorsTest.Capture.class)
class ClientInterceptorsTest {

    private static final Metadata.Key<String> AUTHORIZATION = BearerTokenClientInterceptor.AUTHORIZATION;

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    HeaderCapture received;

    @Test
    void bearerTokenIsReadAtEveryCallAndSentOnEveryCallType() {
        AtomicReference<String> token = new AtomicReference<>("token-1");
        Channel channel = intercepted(new BearerTokenClientInterceptor(token::get));
        EchoServiceGrpc.newBlockingStub(channel).echo(EchoRequest.getDefaultInstance());
        assertThat(this.received.last().get(AUTHORIZATION)).isEqualTo("Bearer token-1");

        token.set("token-2");
        drain(EchoServiceGrpc.newBlockingStub(channel).expand(EchoRequest.newBuilder().setRepeat(2).build()));
        assertThat(this.received.last().get(AUTHORIZATION)).isEqualTo("Bearer token-2");

        token.set("token-3");
        EchoCalls.collect(channel, List.of(EchoCalls.text("x")));
        assertThat(this.received.last().get(AUTHORIZATION)).isEqualTo("Bearer token-3");

        token.set("token-4");
        EchoCalls.chat(channel, List.of(EchoCalls.text("x")));
        assertThat(this.received.last().get(AUTHORIZATION)).isEqualTo("Bearer token-4");
    }

    @Test
    void noTokenSendsNoAuthorizationHeader() {
        EchoServiceGrpc.newBlockingStub(intercepted(new BearerTokenClientInterceptor(() -> null)))
            .echo(EchoRequest.getDefaultInstance());
        assertThat(this.received.last().containsKey(AUTHORIZATION)).isFalse();
    }

    @Test
    void apiKeyIsSentAsXApiKey() {
        EchoServiceGrpc.newBlockingStub(intercepted(new ApiKeyClientInterceptor("gk_live_abc")))
            .echo(EchoRequest.getDefaultInstance());
        assertThat(this.received.last().get(ApiKeyClientInterceptor.API_KEY)).isEqualTo("gk_live_abc");
    }

    @Test
    void dynamicClientPassesEveryCallThroughItsInterceptorsAndAnExplicitHeaderWins() {
        try (DynamicGrpcClient client = DynamicGrpcClient.forAddress("127.0.0.1", this.grpc.port())
            .intercept(new ApiKeyClientInterceptor("from-interceptor"))
            .build()) {
            client.call("grpcops.test.v1.EchoService", "Echo").execute();
            assertThat(this.received.last().get(ApiKeyClientInterceptor.API_KEY)).isEqualTo("from-interceptor");
            client.call("grpcops.test.v1.EchoService", "Echo").metadata("x-api-key", "explicit").execute();
            assertThat(this.received.last().getAll(ApiKeyClientInterceptor.API_KEY)).containsExactly("explicit");
        }
    }

    @Test
    void requestIdOutsideAServerCallIsTheGivenOneAndTheServerUsesIt() {
        EchoReply reply = EchoServiceGrpc.newBlockingStub(intercepted(new RequestIdClientInterceptor(() -> "given-1")))
            .echo(EchoRequest.getDefaultInstance());
        assertThat(reply.getRequestId()).isEqualTo("given-1");
    }

    @Test
    void requestIdOutsideAServerCallIsANewOnePerCall() {
        EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc
            .newBlockingStub(intercepted(new RequestIdClientInterceptor()));
        EchoReply first = stub.echo(EchoRequest.getDefaultInstance());
        String sentFirst = this.received.last().get(io.github.grpcops.pipeline.RequestIds.HEADER);
        EchoReply second = stub.echo(EchoRequest.getDefaultInstance());
        assertThat(first.getRequestId()).isEqualTo(sentFirst).hasSize(36);
        assertThat(second.getRequestId()).isNotEqualTo(first.getRequestId());
    }

    @Test
    void requestIdOfTheServerCallIsPropagatedToTheCallsItMakes() throws Exception {
        Channel downstream = intercepted(new RequestIdClientInterceptor(() -> "not-this-one"));
        Server front = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(new RelayingEcho(downstream),
                    new RequestIdServerInterceptor(new RequestIdProperties())))
            .build()
            .start();
        ManagedChannel toFront = ManagedChannelBuilder.forAddress("127.0.0.1", front.getPort()).usePlaintext().build();
        try {
            EchoReply reply = EchoServiceGrpc.newBlockingStub(toFront)
                .withInterceptors(new RequestIdClientInterceptor(() -> "chain-7"))
                .echo(EchoRequest.newBuilder().setText("hop").build());
            assertThat(reply.getText()).isEqualTo("front chain-7, downstream chain-7");
        }
        finally {
            toFront.shutdownNow();
            front.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Channel intercepted(ClientInterceptor interceptor) {
        return ClientInterceptors.intercept(this.grpc.channel(), interceptor);
    }

    private static void drain(Iterator<EchoReply> replies) {
        replies.forEachRemaining(reply -> {
        });
    }

    /** A service that answers by calling the echo server, as one service of a chain would. */
    private static final class RelayingEcho extends EchoServiceGrpc.EchoServiceImplBase {

        private final Channel downstream;

        RelayingEcho(Channel downstream) {
            this.downstream = downstream;
        }

        @Override
        public void echo(EchoRequest request, StreamObserver<EchoReply> replies) {
            EchoReply downstreamReply = EchoServiceGrpc.newBlockingStub(this.downstream).echo(request);
            replies.onNext(EchoReply.newBuilder()
                .setText("front " + GrpcRequestId.current() + ", downstream " + downstreamReply.getRequestId())
                .build());
            replies.onCompleted();
        }
    }

    /** Remembers the headers of the last call the server received, after the request-id interceptor. */
    static class HeaderCapture implements ServerInterceptor {

        private final List<Metadata> calls = new ArrayList<>();

        synchronized Metadata last() {
            return this.calls.get(this.calls.size() - 1);
        }

        @Override
        public synchronized <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
                Metadata headers, ServerCallHandler<ReqT, RespT> next) {
            if (!call.getMethodDescriptor().getServiceName().startsWith("grpc.reflection")) {
                this.calls.add(headers);
            }
            return next.startCall(call, headers);
        }
    }

    @TestConfiguration
    static class Capture {

        @Bean
        @GrpcGlobalServerInterceptor
        HeaderCapture headerCapture() {
            return new HeaderCapture();
        }
    }
}
