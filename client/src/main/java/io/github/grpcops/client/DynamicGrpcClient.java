package io.github.grpcops.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;

/**
 * Calls any method of any gRPC server without its proto files: the services, methods and message
 * types come from the server's reflection service (v1, else v1alpha) and are cached for the life of
 * the client; requests and responses are JSON (the proto3 JSON mapping).
 *
 * <pre>{@code
 * try (DynamicGrpcClient client = DynamicGrpcClient.forAddress("localhost", 50051)
 *         .intercept(new BearerTokenClientInterceptor(() -> token))
 *         .build()) {
 *     client.listServices();
 *     client.describe("sample.v1.UserService");
 *     String user = client.call("sample.v1.UserService/GetUser").request("{\"id\": 1}").execute().single();
 * }
 * }</pre>
 *
 * Thread-safe: share one client per server.
 */
public final class DynamicGrpcClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** grpc-java's default inbound limit, which most servers keep. */
    private static final int DEFAULT_MESSAGE_SIZE = 4 * 1024 * 1024;

    private final ManagedChannel owned;

    private final Channel channel;

    private final ReflectionDescriptors descriptors;

    private final Duration defaultTimeout;

    private final int maxRequestSize;

    private DynamicGrpcClient(ManagedChannel owned, Channel channel, Duration defaultTimeout, int maxRequestSize) {
        this.owned = owned;
        this.channel = channel;
        this.descriptors = new ReflectionDescriptors(new ReflectionClient(channel));
        this.defaultTimeout = defaultTimeout;
        this.maxRequestSize = maxRequestSize;
    }

    /** A client that opens (and on {@link #close()} closes) its own channel to {@code host:port}. */
    public static Builder forAddress(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * A client on a channel the caller owns and closes; calls pass through {@code interceptors} (first
     * one outermost), have a 30-second deadline unless they set one, and requests of at most 4 MiB.
     */
    public static DynamicGrpcClient forChannel(Channel channel, ClientInterceptor... interceptors) {
        return new DynamicGrpcClient(null, intercepted(channel, List.of(interceptors)), DEFAULT_TIMEOUT,
                DEFAULT_MESSAGE_SIZE);
    }

    /** Full names of the services the server offers, sorted. */
    public List<String> listServices() {
        return this.descriptors.serviceNames();
    }

    public ServiceDescription describe(String service) {
        return ServiceDescription.of(this.descriptors.service(service));
    }

    /**
     * The descriptor of {@code service} as the server's reflection describes it; its file links the files
     * it imports (see {@link ProtoSchema} for .proto text, descriptor sets and request templates).
     */
    public com.google.protobuf.Descriptors.ServiceDescriptor descriptor(String service) {
        return this.descriptors.service(service);
    }

    /** A call of {@code package.Service/Method} (or {@code package.Service.Method}). */
    public DynamicCall call(String fullMethodName) {
        int slash = fullMethodName.lastIndexOf('/');
        int split = (slash >= 0) ? slash : fullMethodName.lastIndexOf('.');
        if (split <= 0 || split == fullMethodName.length() - 1) {
            throw new InvalidRequestException("'" + fullMethodName + "' is not a method name such as "
                    + "package.Service/Method");
        }
        return call(fullMethodName.substring(0, split), fullMethodName.substring(split + 1));
    }

    public DynamicCall call(String service, String method) {
        ServiceDescriptor descriptor = this.descriptors.service(service);
        MethodDescriptor found = descriptor.findMethodByName(method);
        if (found == null) {
            throw new UnknownMethodException(service, method,
                    descriptor.getMethods().stream().map(MethodDescriptor::getName).toList());
        }
        return new DynamicCall(this.channel, found, new MessageJson(this.descriptors.typeRegistry()),
                this.defaultTimeout, this.maxRequestSize);
    }

    /** Forgets the cached descriptors, e.g. after the server was redeployed with changed protos. */
    public void refresh() {
        this.descriptors.clear();
    }

    /** Closes the channel this client opened; one passed to {@link #forChannel} stays open. */
    @Override
    public void close() {
        if (this.owned == null) {
            return;
        }
        this.owned.shutdownNow();
        try {
            this.owned.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code channel} with {@code interceptors}, the first one outermost (it sees each call first). */
    private static Channel intercepted(Channel channel, List<ClientInterceptor> interceptors) {
        List<ClientInterceptor> lastFirst = new ArrayList<>(interceptors);
        Collections.reverse(lastFirst); // ClientInterceptors calls the last one given first
        return ClientInterceptors.intercept(channel, lastFirst);
    }

    /** Settings of a client that owns its channel. */
    public static final class Builder {

        private final String host;

        private final int port;

        private ChannelCredentials credentials = InsecureChannelCredentials.create();

        private String authority;

        private final List<ClientInterceptor> interceptors = new ArrayList<>();

        private int maxInboundMessageSize = DEFAULT_MESSAGE_SIZE;

        private int maxRequestSize = DEFAULT_MESSAGE_SIZE;

        private Duration defaultTimeout = DEFAULT_TIMEOUT;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** No TLS (the default). */
        public Builder plaintext() {
            this.credentials = InsecureChannelCredentials.create();
            return this;
        }

        /** TLS, trusting the JVM's default certificate authorities. */
        public Builder tls() {
            this.credentials = TlsChannelCredentials.create();
            return this;
        }

        /** TLS, trusting the CA certificate(s) in this PEM file (e.g. a private CA or a self-signed server). */
        public Builder tlsTrusting(Path caCertificatePem) {
            try (InputStream pem = Files.newInputStream(caCertificatePem)) {
                return tlsTrusting(pem);
            }
            catch (IOException ex) {
                throw new IllegalArgumentException("Cannot read CA certificate " + caCertificatePem + ": " + ex, ex);
            }
        }

        /** TLS, trusting the CA certificate(s) read from this PEM stream (read now, not closed). */
        public Builder tlsTrusting(InputStream caCertificatePem) {
            try {
                byte[] pem = caCertificatePem.readAllBytes();
                // Checked here: grpc-java would only fail at the first connection, with a vaguer error.
                if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
                    throw new CertificateException("no certificate found");
                }
                this.credentials = TlsChannelCredentials.newBuilder().trustManager(new ByteArrayInputStream(pem)).build();
            }
            catch (IOException | GeneralSecurityException ex) {
                throw new IllegalArgumentException("Not a PEM CA certificate: " + ex.getMessage(), ex);
            }
            return this;
        }

        /** The host name TLS verifies instead of the address' host, e.g. when connecting by IP. */
        public Builder overrideAuthority(String authority) {
            this.authority = authority;
            return this;
        }

        /** Interceptors every call (reflection included) passes through, first one outermost. */
        public Builder intercept(ClientInterceptor... interceptors) {
            this.interceptors.addAll(List.of(interceptors));
            return this;
        }

        /** Largest response message accepted, in bytes. */
        public Builder maxInboundMessageSize(int bytes) {
            this.maxInboundMessageSize = bytes;
            return this;
        }

        /**
         * Largest request message sent, in bytes (4 MiB unless set): set it to the server's inbound limit.
         * A larger request fails here, naming it, because a grpc-java server resets such a call without
         * saying why (the client sees only CANCELLED, grpc-java issue 3996).
         */
        public Builder maxRequestSize(int bytes) {
            this.maxRequestSize = bytes;
            return this;
        }

        /** Deadline of calls that set no {@link DynamicCall#timeout} (30 seconds unless set); {@code null} for none. */
        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = timeout;
            return this;
        }

        public DynamicGrpcClient build() {
            ManagedChannelBuilder<?> builder = Grpc.newChannelBuilderForAddress(this.host, this.port, this.credentials)
                .maxInboundMessageSize(this.maxInboundMessageSize);
            if (this.authority != null) {
                builder.overrideAuthority(this.authority);
            }
            ManagedChannel channel = builder.build();
            return new DynamicGrpcClient(channel, intercepted(channel, this.interceptors), this.defaultTimeout,
                    this.maxRequestSize);
        }
    }
}
