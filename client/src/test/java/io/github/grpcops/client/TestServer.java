package io.github.grpcops.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.BindableService;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;

/**
 * A plain grpc-java Netty server on a random loopback port for the client's tests. It counts the calls
 * of each method, keeps the headers of the last call outside reflection, and answers a call's
 * {@code x-request-id} in its trailers, as grpc-ops' server does.
 */
final class TestServer implements AutoCloseable {

    static final String ECHO = "grpcops.client.test.v1.EchoService";

    static final String REFLECTION_V1 = "grpc.reflection.v1.ServerReflection/ServerReflectionInfo";

    static final String REFLECTION_V1ALPHA = "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

    private final Map<String, AtomicInteger> callsByMethod = new ConcurrentHashMap<>();

    private volatile Metadata lastHeaders;

    private final Server server;

    private TestServer(ServerCredentials credentials, BindableService... services) {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        NettyServerBuilder builder = (credentials != null) ? NettyServerBuilder.forAddress(loopback, credentials)
                : NettyServerBuilder.forAddress(loopback);
        for (BindableService service : services) {
            builder.addService(service);
        }
        try {
            this.server = builder.intercept(new Observer()).build().start();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static TestServer start(BindableService... services) {
        return new TestServer(null, services);
    }

    static TestServer start(ServerCredentials credentials, BindableService... services) {
        return new TestServer(credentials, services);
    }

    /** grpc-java's own reflection: v1alpha. */
    static BindableService reflectionV1alpha() {
        return ProtoReflectionService.newInstance();
    }

    /**
     * Reflection v1 alone, as grpc-ops' server offers it: v1alpha's implementation under the v1 name.
     * Its service carries no proto file, so reflection does not list it.
     */
    @SuppressWarnings("unchecked")
    static BindableService reflectionV1() {
        return () -> ServerServiceDefinition.builder("grpc.reflection.v1.ServerReflection")
            .addMethod(ReflectionClient.V1_METHOD,
                    (ServerCallHandler<ServerReflectionRequest, ServerReflectionResponse>) reflectionV1alpha()
                        .bindService()
                        .getMethod(ServerReflectionGrpc.getServerReflectionInfoMethod().getFullMethodName())
                        .getServerCallHandler())
            .build();
    }

    int port() {
        return this.server.getPort();
    }

    /** A client of this server that opens its own plaintext channel. */
    DynamicGrpcClient.Builder client() {
        return DynamicGrpcClient.forAddress("127.0.0.1", port());
    }

    int calls(String fullMethod) {
        return this.callsByMethod.getOrDefault(fullMethod, new AtomicInteger()).get();
    }

    /** Headers of the last call the server received, reflection aside. */
    Metadata lastHeaders() {
        return this.lastHeaders;
    }

    /** Drops every connection at once, calls in flight included. */
    void shutdownNow() {
        this.server.shutdownNow();
    }

    @Override
    public void close() throws InterruptedException {
        this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Observer implements ServerInterceptor {

        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                ServerCallHandler<ReqT, RespT> next) {
            String method = call.getMethodDescriptor().getFullMethodName();
            TestServer.this.callsByMethod.computeIfAbsent(method, name -> new AtomicInteger()).incrementAndGet();
            if (!method.startsWith("grpc.reflection.")) {
                TestServer.this.lastHeaders = headers;
            }
            String requestId = headers.get(RequestIdClientInterceptor.REQUEST_ID);
            return next.startCall(new SimpleForwardingServerCall<>(call) {
                @Override
                public void close(Status status, Metadata trailers) {
                    if (requestId != null) {
                        trailers.put(RequestIdClientInterceptor.REQUEST_ID, requestId);
                    }
                    super.close(status, trailers);
                }
            }, headers);
        }
    }
}
