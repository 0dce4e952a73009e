package io.github.grpcops.client.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.github.grpcops.client.DynamicGrpcClient;
import io.github.grpcops.server.ServerLifecycleEvent;
import io.github.grpcops.server.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * A {@link DynamicGrpcClient} to this application's own gRPC server over its real port, so calls pass
 * the whole pipeline like any other; shared by the invoke and schema sections. It connects on first use
 * once the server listens (its port may be random).
 */
class OwnServerClient implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OwnServerClient.class);

    /** How a server configured for every interface names its address. */
    private static final Set<String> WILDCARDS = Set.of("*", "0.0.0.0", "::", "[::]");

    private final InvokeEndpointProperties properties;

    private final ServerSettings server;

    private volatile ServerLifecycleEvent.Started started;

    private DynamicGrpcClient client;

    /**
     * @param server the server's settings: its inbound limit bounds the requests (a larger one is a 400,
     * as the server would reset the call without saying why) and its TLS certificate is trusted
     */
    OwnServerClient(InvokeEndpointProperties properties, ServerSettings server) {
        this.properties = properties;
        this.server = server;
    }

    @EventListener
    public void onServerStarted(ServerLifecycleEvent.Started event) {
        if (this.started == null && event.port() >= 0) {
            this.started = event;
        }
    }

    /** The client, or {@code null} while the server has not started (or listens on no network port). */
    synchronized DynamicGrpcClient get() {
        ServerLifecycleEvent.Started event = this.started;
        if (this.client == null && event != null) {
            this.client = connect(event);
        }
        return this.client;
    }

    private DynamicGrpcClient connect(ServerLifecycleEvent.Started event) {
        String host = WILDCARDS.contains(event.address()) ? "127.0.0.1" : event.address();
        DataSize inboundLimit = this.server.maxInboundMessageSize();
        DynamicGrpcClient.Builder builder = DynamicGrpcClient.forAddress(host, event.port())
            .defaultTimeout(this.properties.getInvokeTimeout());
        if (inboundLimit != null) {
            builder.maxRequestSize((int) inboundLimit.toBytes());
        }
        ServerSettings.Tls tls = this.server.tls();
        if (tls.enabled()) {
            trustOwnCertificate(builder, tls.certificateChain());
        }
        return builder.build();
    }

    /**
     * TLS to this server: trusts its own certificate chain and checks the name in it, since the
     * connection goes to an IP address. Servers that require client certificates are not supported.
     */
    private static void trustOwnCertificate(DynamicGrpcClient.Builder builder, Resource chain) {
        if (chain == null) {
            log.warn("Actuator invoke cannot trust this TLS server: it has no grpc.server.security.certificate-chain");
            return;
        }
        try (InputStream pem = chain.getInputStream(); InputStream again = chain.getInputStream()) {
            builder.tlsTrusting(pem);
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(again);
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                names.stream()
                    .filter(name -> Integer.valueOf(2).equals(name.get(0))) // dNSName
                    .findFirst()
                    .ifPresent(name -> builder.overrideAuthority((String) name.get(1)));
            }
        }
        catch (IOException | GeneralSecurityException ex) {
            log.warn("Actuator invoke cannot read the server certificate {}: {}", chain, ex.toString());
        }
    }

    @Override
    public synchronized void destroy() {
        if (this.client != null) {
            this.client.close();
        }
    }
}
