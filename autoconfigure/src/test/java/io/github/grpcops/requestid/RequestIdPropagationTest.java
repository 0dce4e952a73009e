package io.github.grpcops.requestid;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.client.RequestIdClientInterceptor;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * grpc-ops-client's {@link RequestIdClientInterceptor} inside a grpc-ops server call sends that call's
 * id on (found through {@link ServerCallRequestIdSource}), so a chain of services shares one id.
 */
class RequestIdPropagationTest {

    private Server back;

    private Server front;

    private ManagedChannel toBack;

    private ManagedChannel toFront;

    @AfterEach
    void stop() throws InterruptedException {
        for (ManagedChannel channel : new ManagedChannel[] { this.toFront, this.toBack }) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Server server : new Server[] { this.front, this.back }) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void requestIdOfTheServerCallIsPropagatedToTheCallsItMakes() throws IOException {
        this.back = withRequestIds(new EchoTestService());
        this.toBack = channelTo(this.back);
        Channel downstream = ClientInterceptors.intercept(this.toBack,
                new RequestIdClientInterceptor(() -> "not-this-one"));
        this.front = withRequestIds(new RelayingEcho(downstream));
        this.toFront = channelTo(this.front);

        EchoReply reply = EchoServiceGrpc.newBlockingStub(this.toFront)
            .withInterceptors(new RequestIdClientInterceptor(() -> "chain-7"))
            .echo(EchoRequest.newBuilder().setText("hop").build());

        assertThat(reply.getText()).isEqualTo("front chain-7, downstream chain-7");
    }

    private static Server withRequestIds(EchoServiceGrpc.EchoServiceImplBase service) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(service, new RequestIdServerInterceptor(new RequestIdProperties())))
            .build()
            .start();
    }

    private static ManagedChannel channelTo(Server server) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    /** A service that answers by calling the next one, as one service of a chain would. */
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
}
