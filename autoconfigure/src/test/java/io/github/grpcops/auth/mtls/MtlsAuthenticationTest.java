package io.github.grpcops.auth.mtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.auth.probe.CallAttributesProbe;
import io.github.grpcops.auth.probe.Invocations;
import io.github.grpcops.auth.probe.ProbeClient;
import io.github.grpcops.auth.probe.TestTokens;
import io.github.grpcops.auth.probe.api.WhoReply;
import io.github.grpcops.auth.probe.api.WhoRequest;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Client certificates as callers over real TLS: net.devh's server with {@code client-auth=OPTIONAL}
 * trusting a certificate authority the test makes, {@code grpc.auth.mtls} naming the caller by the subject's
 * CN. A verified certificate is the caller in every call type (with the authorities mapped to it, and in
 * what the request log records); a bearer token sent on such a connection wins; a connection without a
 * certificate is anonymous; a certificate of another authority never names the caller.
 */
@SpringBootTest(classes = AuthProbeApplication.class, properties = { "grpc.server.port=0",
        "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off", "grpc.auth.require-auth=true",
        "grpc.auth.jwt.secret=" + TestTokens.SECRET, "grpc.auth.mtls.enabled=true",
        "grpc.auth.mtls.authorities.billing-service=reports:read", "grpc.server.security.enabled=true",
        "grpc.server.security.client-auth=OPTIONAL", "grpc.auth.brute-force.max-failures=1000000" })
class MtlsAuthenticationTest {

    static final Path directory = temporaryDirectory();

    static final TestPki authority = TestPki.authority(directory, "grpc-ops-test");

    static final TestPki.Issued server = authority.server("server");

    static final TestPki.Issued billing = authority.client("billing", "O=Example,CN=billing-service",
            new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.org/ns/prod/sa/billing"));

    static final TestPki.Issued stranger = TestPki.authority(directory, "stranger")
        .client("stranger", "O=Elsewhere,CN=billing-service");

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    CallAttributesProbe attributes;

    @Autowired
    Invocations invocations;

    private ManagedChannel channel;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("grpc.server.security.certificate-chain", () -> server.chain().toUri().toString());
        registry.add("grpc.server.security.private-key", () -> server.privateKey().toUri().toString());
        registry.add("grpc.server.security.trust-cert-collection",
                () -> authority.certificateFile().toUri().toString());
    }

    @AfterAll
    static void removeFiles() {
        FileSystemUtils.deleteRecursively(directory.toFile());
    }

    @AfterEach
    void close() throws InterruptedException {
        if (this.channel != null) {
            this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aVerifiedClientCertificateIsTheCallerInEveryCallType() {
        ProbeClient client = new ProbeClient(connect(billing), new Metadata());
        WhoReply who = client.who();
        assertThat(who.getPrincipalId()).isEqualTo("billing-service");
        assertThat(who.getMethod()).isEqualTo("mtls");
        assertThat(who.getAuthoritiesList()).containsExactly("reports:read");
        assertThat(client.blocking().reportsWho(WhoRequest.getDefaultInstance()).getPrincipalId())
            .isEqualTo("billing-service");
        assertThat(client.expand(2)).extracting(WhoReply::getSeen).containsExactly("billing-service", "billing-service");
        assertThat(client.collect(2)).singleElement().extracting(WhoReply::getSeen)
            .isEqualTo("billing-service,billing-service,billing-service,billing-service");
        assertThat(client.chat(1)).extracting(WhoReply::getSeen).containsExactly("billing-service", "billing-service");
        assertThat(this.attributes.recorded()).last()
            .isEqualTo(new CallAttributesProbe.Recorded("grpcops.test.auth.v1.AuthProbe/ChatWho", Status.Code.OK, true,
                    "billing-service", "billing-service", "mtls", null));
    }

    @Test
    void aBearerTokenOnAMutualTlsConnectionNamesTheCaller() {
        WhoReply who = new ProbeClient(connect(billing), ProbeClient.bearer(TestTokens.hs256("alice", Map.of())))
            .who();
        assertThat(who.getPrincipalId()).isEqualTo("alice");
        assertThat(who.getMethod()).isEqualTo("jwt");
    }

    @Test
    void aConnectionWithoutAClientCertificateIsAnonymous() {
        ProbeClient anonymous = new ProbeClient(connect(null), new Metadata());
        assertThatThrownBy(anonymous::who).isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(ex.getStatus().getDescription()).isEqualTo("Authentication required");
        });
        assertThat(anonymous.blocking().publicWho(WhoRequest.getDefaultInstance()).getSeen()).isEqualTo("-");
    }

    /**
     * With {@code client-auth=OPTIONAL} the TLS provider either refuses the handshake (the JDK's) or lets the
     * connection on without a verified peer (OpenSSL, which grpc-netty-shaded uses here): either way the
     * certificate never names the caller.
     */
    @Test
    void aCertificateOfAnotherAuthorityNeverNamesTheCaller() {
        int before = this.invocations.count();
        ProbeClient impostor = new ProbeClient(connect(stranger), new Metadata());
        assertThatThrownBy(impostor::who).isInstanceOfSatisfying(StatusRuntimeException.class,
                ex -> assertThat(ex.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED));
        assertThat(this.invocations.count()).isEqualTo(before);
        try {
            assertThat(impostor.blocking().publicWho(WhoRequest.getDefaultInstance()).getSeen()).isEqualTo("-");
        }
        catch (StatusRuntimeException ex) {
            assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    /** A TLS channel trusting the test authority, presenting {@code client}'s certificate unless it is null. */
    private ManagedChannel connect(TestPki.Issued client) {
        try {
            TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                .trustManager(authority.certificateFile().toFile());
            if (client != null) {
                credentials.keyManager(client.chain().toFile(), client.privateKey().toFile());
            }
            ChannelCredentials built = credentials.build();
            this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", this.grpc.port(), built).build();
            return this.channel;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("grpc-ops-mtls");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
