package io.github.grpcops.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.rpc.BadRequest;
import io.github.grpcops.client.test.EchoReply;
import io.github.grpcops.client.test.EchoRequest;
import io.github.grpcops.client.test.EchoServiceGrpc;
import io.grpc.BindableService;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1alpha.ErrorResponse;
import io.grpc.reflection.v1alpha.FileDescriptorResponse;
import io.grpc.reflection.v1alpha.ListServiceResponse;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.grpcops.client.TestServer.ECHO;
import static io.github.grpcops.client.TestServer.REFLECTION_V1;
import static io.github.grpcops.client.TestServer.REFLECTION_V1ALPHA;
import static io.github.grpcops.client.TestServer.reflectionV1;
import static io.github.grpcops.client.TestServer.reflectionV1alpha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dynamic client against hand-built Netty servers: each reflection version alone, none, a broken
 * one, TLS, status details, a connection dropped mid-stream, nothing listening.
 */
class DynamicGrpcClientServersTest {

    private final List<TestServer> servers = new ArrayList<>();

    private final List<DynamicGrpcClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        this.clients.forEach(DynamicGrpcClient::close);
        for (TestServer server : this.servers) {
            server.close();
        }
    }

    @Test
    void fallsBackToV1alphaWhenTheServerHasNoV1Reflection() {
        TestServer server = start(new EchoService(), reflectionV1alpha());
        DynamicGrpcClient client = clientOf(server);
        assertThat(client.listServices()).containsExactlyInAnyOrder(ECHO, "grpc.reflection.v1alpha.ServerReflection");
        assertThat(client.call(ECHO, "Echo").request("{\"text\": \"old\"}").execute().single()).contains("\"old\"");
        assertThat(server.calls(REFLECTION_V1ALPHA)).isPositive();
    }

    @Test
    void usesV1ReflectionAloneAndNeverAsksV1alpha() {
        TestServer server = start(new EchoService(), reflectionV1());
        DynamicGrpcClient client = clientOf(server);
        assertThat(client.listServices()).containsExactly(ECHO);
        assertThat(client.call(ECHO, "Expand").request("{\"repeat\": 2}").execute().messages()).hasSize(2);
        assertThat(server.calls(REFLECTION_V1)).isPositive();
        assertThat(server.calls(REFLECTION_V1ALPHA)).isZero();
    }

    @Test
    void descriptorsAreFetchedOncePerClient() {
        TestServer server = start(new EchoService(), reflectionV1(), reflectionV1alpha());
        DynamicGrpcClient client = clientOf(server);
        client.call(ECHO, "Echo").execute();
        int afterFirst = server.calls(REFLECTION_V1);
        client.describe(ECHO);
        client.call(ECHO, "Chat").requests(List.of("{}")).execute();
        assertThat(server.calls(REFLECTION_V1)).isEqualTo(afterFirst);
        client.refresh();
        client.call(ECHO, "Echo").execute();
        assertThat(server.calls(REFLECTION_V1)).isGreaterThan(afterFirst);
    }

    @Test
    void serverWithoutReflectionIsReportedAsSuch() {
        DynamicGrpcClient client = clientOf(start(new EchoService()));
        assertThatThrownBy(() -> client.call(ECHO, "Echo")).isInstanceOf(ReflectionUnavailableException.class)
            .hasMessageContaining("offers no server reflection")
            .hasMessageContaining("grpc.server.reflection-service-enabled=true");
    }

    @Test
    void nothingListeningIsReportedAsUnreachable() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        DynamicGrpcClient client = track(DynamicGrpcClient.forAddress("127.0.0.1", freePort).build());
        assertThatThrownBy(client::listServices).isInstanceOf(ServerUnreachableException.class)
            .hasMessageContaining("Cannot reach the gRPC server at 127.0.0.1:" + freePort);
    }

    @Test
    void missingDependencyFileIsNamedWithTheFileThatImportsIt() {
        DynamicGrpcClient client = clientOf(start(new ReflectionWithoutDependencies()));
        assertThat(client.listServices()).containsExactly("test.Broken");
        assertThatThrownBy(() -> client.describe("test.Broken")).isInstanceOf(DescriptorResolutionException.class)
            .hasMessage("Service test.Broken needs missing/types.proto (imported by broken.proto), "
                    + "which the server's reflection does not provide");
    }

    @Test
    void statusDetailsAreRenderedAsJson() {
        DynamicGrpcClient client = clientOf(start(new FailingEcho(null), reflectionV1()));
        assertThatThrownBy(() -> client.call(ECHO, "Echo").execute())
            .isInstanceOfSatisfying(CallFailedException.class, ex -> {
                assertThat(ex.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(ex.getDescription()).isEqualTo("text is too long");
                assertThat(ex.getDetailsJson()).contains("\"@type\":\"type.googleapis.com/google.rpc.BadRequest\"")
                    .contains("\"field\":\"text\"")
                    .contains("\"description\":\"at most 5 characters\"");
            });
    }

    @Test
    void serverDroppingTheConnectionMidStreamFailsWithWhatArrivedBefore() {
        AtomicReference<TestServer> self = new AtomicReference<>();
        TestServer server = start(new FailingEcho(self), reflectionV1());
        self.set(server);
        DynamicGrpcClient client = clientOf(server);
        assertThatThrownBy(() -> client.call(ECHO, "Expand").execute())
            .isInstanceOfSatisfying(CallFailedException.class, ex -> {
                // grpc-java's server resets the open stream (RST_STREAM CANCEL) as it drops the connection.
                assertThat(ex.getCode()).isEqualTo(Status.Code.CANCELLED);
                assertThat(ex.getReceived()).hasSize(2);
                assertThat(ex.getMessage()).startsWith(ECHO + "/Expand failed: CANCELLED");
            });
    }

    @Test
    void tlsClientTrustingTheServersCaCalls() throws IOException {
        TestServer server = start(tlsCredentials(), new EchoService(), reflectionV1());
        try (InputStream ca = resource("ca.pem")) {
            DynamicGrpcClient client = track(server.client().tlsTrusting(ca).build());
            assertThat(client.call(ECHO, "Echo").request("{\"text\": \"secure\"}").execute().single())
                .contains("secure");
        }
    }

    @Test
    void tlsServerIsUnreachableInPlaintextOrWithoutTrustingItsCa() throws IOException {
        TestServer server = start(tlsCredentials(), new EchoService(), reflectionV1());
        DynamicGrpcClient plaintext = track(server.client().build());
        assertThatThrownBy(plaintext::listServices).isInstanceOf(ServerUnreachableException.class);
        DynamicGrpcClient untrusting = track(server.client().tls().build());
        assertThatThrownBy(untrusting::listServices).isInstanceOf(ServerUnreachableException.class);
    }

    @Test
    void unreadableCaCertificateIsRejectedWhenBuilding() {
        assertThatThrownBy(() -> DynamicGrpcClient.forAddress("127.0.0.1", 1)
            .tlsTrusting(new java.io.ByteArrayInputStream("not a certificate".getBytes())))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Not a PEM CA certificate");
    }

    private TestServer start(BindableService... services) {
        return start(null, services);
    }

    private TestServer start(ServerCredentials credentials, BindableService... services) {
        TestServer server = TestServer.start(credentials, services);
        this.servers.add(server);
        return server;
    }

    private DynamicGrpcClient clientOf(TestServer server) {
        return track(server.client().build());
    }

    private DynamicGrpcClient track(DynamicGrpcClient client) {
        this.clients.add(client);
        return client;
    }

    private static ServerCredentials tlsCredentials() throws IOException {
        try (InputStream chain = resource("server.pem"); InputStream key = resource("server.key")) {
            return TlsServerCredentials.create(chain, key);
        }
    }

    /** Test certificates (openssl, valid 100 years): a CA, and a server certificate for localhost and 127.0.0.1. */
    private static InputStream resource(String name) {
        return DynamicGrpcClientServersTest.class.getResourceAsStream("tls/" + name);
    }

    /** Echo that fails with rich details, or whose server stream dies after two replies with the server. */
    private static final class FailingEcho extends EchoServiceGrpc.EchoServiceImplBase {

        private final AtomicReference<TestServer> server;

        FailingEcho(AtomicReference<TestServer> server) {
            this.server = server;
        }

        @Override
        public void echo(EchoRequest request, StreamObserver<EchoReply> replies) {
            BadRequest violation = BadRequest.newBuilder()
                .addFieldViolations(
                        BadRequest.FieldViolation.newBuilder().setField("text").setDescription("at most 5 characters"))
                .build();
            replies.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.INVALID_ARGUMENT.value())
                .setMessage("text is too long")
                .addDetails(Any.pack(violation))
                .build()));
        }

        @Override
        public void expand(EchoRequest request, StreamObserver<EchoReply> replies) {
            replies.onNext(EchoReply.newBuilder().setCount(1).build());
            replies.onNext(EchoReply.newBuilder().setCount(2).build());
            // Let the two replies leave, then drop every connection without ending the call.
            new Thread(() -> {
                sleep(300);
                this.server.get().shutdownNow();
            }).start();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reflection that lists a service whose file imports one it cannot provide. */
    private static final class ReflectionWithoutDependencies extends ServerReflectionGrpc.ServerReflectionImplBase {

        private static final FileDescriptorProto BROKEN = FileDescriptorProto.newBuilder()
            .setName("broken.proto")
            .setPackage("test")
            .setSyntax("proto3")
            .addDependency("missing/types.proto")
            .addService(ServiceDescriptorProto.newBuilder()
                .setName("Broken")
                .addMethod(MethodDescriptorProto.newBuilder()
                    .setName("Get")
                    .setInputType(".test.missing.Thing")
                    .setOutputType(".test.missing.Thing")))
            .build();

        @Override
        public StreamObserver<ServerReflectionRequest> serverReflectionInfo(
                StreamObserver<ServerReflectionResponse> responses) {
            return new StreamObserver<>() {
                @Override
                public void onNext(ServerReflectionRequest request) {
                    ServerReflectionResponse.Builder response = ServerReflectionResponse.newBuilder()
                        .setOriginalRequest(request);
                    switch (request.getMessageRequestCase()) {
                        case LIST_SERVICES -> response.setListServicesResponse(
                                ListServiceResponse.newBuilder().addService(ServiceResponse.newBuilder().setName("test.Broken")));
                        case FILE_CONTAINING_SYMBOL -> response.setFileDescriptorResponse(
                                FileDescriptorResponse.newBuilder().addFileDescriptorProto(BROKEN.toByteString()));
                        default -> response.setErrorResponse(ErrorResponse.newBuilder()
                            .setErrorCode(Status.Code.NOT_FOUND.value())
                            .setErrorMessage("not found"));
                    }
                    responses.onNext(response.build());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    responses.onCompleted();
                }
            };
        }
    }
}
