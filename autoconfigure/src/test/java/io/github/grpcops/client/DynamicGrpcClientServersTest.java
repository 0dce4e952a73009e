package io.github.grpcops.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.rpc.BadRequest;
import io.github.grpcops.reflection.ReflectionV1Service;
import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.echo.EchoReply;
import io.github.grpcops.test.echo.EchoRequest;
import io.github.grpcops.test.echo.EchoServiceGrpc;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.protobuf.services.ProtoReflectionService;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dynamic client against hand-built Netty servers: each reflection version alone, none, a broken
 * one, TLS, status details, a connection dropped mid-stream, nothing listening.
 */
class DynamicGrpcClientServersTest {

    private static final String ECHO = "grpcops.test.v1.EchoService";

    private final List<Server> servers = new ArrayList<>();

    private final List<DynamicGrpcClient> clients = new ArrayList<>();

    private final Map<String, AtomicInteger> callsByMethod = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        this.clients.forEach(DynamicGrpcClient::close);
        this.servers.forEach(Server::shutdownNow);
    }

    @Test
    void fallsBackToV1alphaWhenTheServerHasNoV1Reflection() {
        DynamicGrpcClient client = clientOf(start(new EchoTestService(), ProtoReflectionService.newInstance()));
        assertThat(client.listServices()).containsExactlyInAnyOrder(ECHO, "grpc.reflection.v1alpha.ServerReflection");
        assertThat(client.call(ECHO, "Echo").request("{\"text\": \"old\"}").execute().single()).contains("\"old\"");
        assertThat(calls("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")).isPositive();
    }

    @Test
    void usesV1ReflectionAloneAndNeverAsksV1alpha() {
        DynamicGrpcClient client = clientOf(start(new EchoTestService(), new ReflectionV1Service()));
        assertThat(client.listServices()).containsExactlyInAnyOrder(ECHO, "grpc.reflection.v1.ServerReflection");
        assertThat(client.call(ECHO, "Expand").request("{\"repeat\": 2}").execute().messages()).hasSize(2);
        assertThat(calls("grpc.reflection.v1.ServerReflection/ServerReflectionInfo")).isPositive();
        assertThat(calls("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")).isZero();
    }

    @Test
    void descriptorsAreFetchedOncePerClient() {
        DynamicGrpcClient client = clientOf(
                start(new EchoTestService(), new ReflectionV1Service(), ProtoReflectionService.newInstance()));
        client.call(ECHO, "Echo").execute();
        int afterFirst = calls("grpc.reflection.v1.ServerReflection/ServerReflectionInfo");
        client.describe(ECHO);
        client.call(ECHO, "Chat").requests(List.of("{}")).execute();
        assertThat(calls("grpc.reflection.v1.ServerReflection/ServerReflectionInfo")).isEqualTo(afterFirst);
        client.refresh();
        client.call(ECHO, "Echo").execute();
        assertThat(calls("grpc.reflection.v1.ServerReflection/ServerReflectionInfo")).isGreaterThan(afterFirst);
    }

    @Test
    void serverWithoutReflectionIsReportedAsSuch() {
        DynamicGrpcClient client = clientOf(start(new EchoTestService()));
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
        DynamicGrpcClient client = clientOf(start(new FailingEcho(null), new ReflectionV1Service()));
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
        AtomicReference<Server> self = new AtomicReference<>();
        Server server = start(new FailingEcho(self), new ReflectionV1Service());
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
        Server server = start(tlsCredentials(), new EchoTestService(), new ReflectionV1Service());
        try (InputStream ca = resource("ca.pem")) {
            DynamicGrpcClient client = track(
                    DynamicGrpcClient.forAddress("127.0.0.1", server.getPort()).tlsTrusting(ca).build());
            assertThat(client.call(ECHO, "Echo").request("{\"text\": \"secure\"}").execute().single())
                .contains("secure");
        }
    }

    @Test
    void tlsServerIsUnreachableInPlaintextOrWithoutTrustingItsCa() throws IOException {
        Server server = start(tlsCredentials(), new EchoTestService(), new ReflectionV1Service());
        DynamicGrpcClient plaintext = track(DynamicGrpcClient.forAddress("127.0.0.1", server.getPort()).build());
        assertThatThrownBy(plaintext::listServices).isInstanceOf(ServerUnreachableException.class);
        DynamicGrpcClient untrusting = track(DynamicGrpcClient.forAddress("127.0.0.1", server.getPort()).tls().build());
        assertThatThrownBy(untrusting::listServices).isInstanceOf(ServerUnreachableException.class);
    }

    @Test
    void unreadableCaCertificateIsRejectedWhenBuilding() {
        assertThatThrownBy(() -> DynamicGrpcClient.forAddress("127.0.0.1", 1)
            .tlsTrusting(new java.io.ByteArrayInputStream("not a certificate".getBytes())))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Not a PEM CA certificate");
    }

    private int calls(String fullMethod) {
        return this.callsByMethod.getOrDefault(fullMethod, new AtomicInteger()).get();
    }

    private Server start(BindableService... services) {
        return start(null, services);
    }

    private Server start(ServerCredentials credentials, BindableService... services) {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        NettyServerBuilder builder = (credentials != null) ? NettyServerBuilder.forAddress(loopback, credentials)
                : NettyServerBuilder.forAddress(loopback);
        for (BindableService service : services) {
            builder.addService(service);
        }
        builder.intercept(new CountingInterceptor());
        try {
            Server server = builder.build().start();
            this.servers.add(server);
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private DynamicGrpcClient clientOf(Server server) {
        return track(DynamicGrpcClient.forAddress("127.0.0.1", server.getPort()).build());
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

    private final class CountingInterceptor implements ServerInterceptor {

        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                ServerCallHandler<ReqT, RespT> next) {
            DynamicGrpcClientServersTest.this.callsByMethod
                .computeIfAbsent(call.getMethodDescriptor().getFullMethodName(), name -> new AtomicInteger())
                .incrementAndGet();
            return next.startCall(new SimpleForwardingServerCall<>(call) {
            }, headers);
        }
    }

    /** Echo that fails with rich details, or whose server stream dies after two replies with the server. */
    private static final class FailingEcho extends EchoServiceGrpc.EchoServiceImplBase {

        private final AtomicReference<Server> server;

        FailingEcho(AtomicReference<Server> server) {
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
