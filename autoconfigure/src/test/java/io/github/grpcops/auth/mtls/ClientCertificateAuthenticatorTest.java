package io.github.grpcops.auth.mtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcAuthProperties.Mtls.PrincipalSource;
import io.github.grpcops.auth.GrpcPrincipal;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Naming the caller from a verified client certificate, without a server: each part of the certificate
 * that can name it, the pattern that narrows it, the authorities mapped to it, and calls without one.
 */
class ClientCertificateAuthenticatorTest {

    static final Path directory = temporaryDirectory();

    static final TestPki.Issued certificate = TestPki.authority(directory, "unit-ca")
        .client("unit", "O=Example,OU=payments,CN=billing-service",
                new GeneralName(GeneralName.dNSName, "billing.internal"),
                new GeneralName(GeneralName.rfc822Name, "billing@example.org"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.org/ns/prod/sa/billing"));

    @AfterAll
    static void removeFiles() {
        FileSystemUtils.deleteRecursively(directory.toFile());
    }

    @ParameterizedTest
    @CsvSource({ "SUBJECT_CN, billing-service", "SUBJECT, 'CN=billing-service,OU=payments,O=Example'",
            "SAN_DNS, billing.internal", "SAN_EMAIL, billing@example.org",
            "SAN_URI, spiffe://example.org/ns/prod/sa/billing" })
    void eachPartOfTheCertificateCanNameTheCaller(PrincipalSource source, String id) {
        GrpcAuthProperties.Mtls properties = new GrpcAuthProperties.Mtls();
        properties.setPrincipalFrom(source);
        GrpcPrincipal principal = new ClientCertificateAuthenticator(properties).authenticate(callWith(session()));
        assertThat(principal.id()).isEqualTo(id);
        assertThat(principal.method().wireName()).isEqualTo("mtls");
        assertThat(principal.claims()).containsEntry("subject", "CN=billing-service,OU=payments,O=Example")
            .containsEntry("issuer", "CN=unit-ca")
            .containsKeys("serialNumber", "notAfter");
    }

    @Test
    void aPatternNarrowsTheNameToItsFirstGroupAndRefusesNamesItDoesNotMatch() {
        GrpcAuthProperties.Mtls properties = new GrpcAuthProperties.Mtls();
        properties.setPrincipalFrom(PrincipalSource.SAN_URI);
        properties.setPrincipalPattern("spiffe://example\\.org/ns/prod/sa/(.+)");
        properties.setAuthorities(Map.of("billing", List.of("orders:read", "orders:write")));
        GrpcPrincipal principal = new ClientCertificateAuthenticator(properties).authenticate(callWith(session()));
        assertThat(principal.id()).isEqualTo("billing");
        assertThat(principal.authorities()).containsExactlyInAnyOrder("orders:read", "orders:write");

        properties.setPrincipalPattern("spiffe://example\\.org/ns/staging/sa/(.+)");
        assertThatThrownBy(() -> new ClientCertificateAuthenticator(properties).authenticate(callWith(session())))
            .isInstanceOf(AuthenticationFailedException.class)
            .hasMessageContaining("does not match grpc.auth.mtls.principal-pattern");
    }

    @Test
    void callsWithoutAVerifiedCertificateAreNotAuthenticatedHere() {
        ClientCertificateAuthenticator authenticator = new ClientCertificateAuthenticator(new GrpcAuthProperties.Mtls());
        assertThat(authenticator.authenticate(callWith(null))).isNull();
        assertThat(authenticator.authenticate(callWith(unverifiedSession()))).isNull();
    }

    @Test
    void theCallerIsNamedOncePerTlsSessionByEachAuthenticator() {
        GrpcAuthProperties.Mtls byName = new GrpcAuthProperties.Mtls();
        GrpcAuthProperties.Mtls byDns = new GrpcAuthProperties.Mtls();
        byDns.setPrincipalFrom(PrincipalSource.SAN_DNS);
        ClientCertificateAuthenticator authenticator = new ClientCertificateAuthenticator(byName);
        SSLSession connection = session();

        GrpcPrincipal first = authenticator.authenticate(callWith(connection));
        assertThat(authenticator.authenticate(callWith(connection))).isSameAs(first);
        GrpcPrincipal otherConnection = authenticator.authenticate(callWith(session()));
        assertThat(otherConnection).isNotSameAs(first);
        assertThat(otherConnection.id()).isEqualTo(first.id()).isEqualTo("billing-service");
        // Another authenticator's settings name the caller differently on the same session.
        assertThat(new ClientCertificateAuthenticator(byDns).authenticate(callWith(connection)).id())
            .isEqualTo("billing.internal");
        assertThat(authenticator.authenticate(callWith(connection))).isSameAs(first);
    }

    @Test
    void anInvalidPatternStopsStartUpNamingTheProperty() {
        GrpcAuthProperties.Mtls properties = new GrpcAuthProperties.Mtls();
        properties.setPrincipalPattern("spiffe://(unclosed");
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientCertificateAuthenticator(properties))
            .withMessageStartingWith("grpc.auth.mtls.principal-pattern is not a regular expression");
    }

    /** A verified session holding the client certificate, with the values a session keeps. */
    private static SSLSession session() {
        Map<Object, Object> values = new HashMap<>();
        return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(), new Class<?>[] { SSLSession.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPeerCertificates" -> new Certificate[] { certificate.certificate() };
                    case "getValue" -> values.get(args[0]);
                    case "putValue" -> values.put(args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A session without a verified peer: no certificates, and no values kept on it. */
    private static SSLSession unverifiedSession() {
        return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(), new Class<?>[] { SSLSession.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getValue")) {
                        return null;
                    }
                    throw new SSLPeerUnverifiedException("peer not authenticated");
                });
    }

    /** A call whose transport attributes hold {@code session} (none when null). */
    private static ServerCall<Object, Object> callWith(SSLSession session) {
        Attributes attributes = (session != null)
                ? Attributes.newBuilder().set(Grpc.TRANSPORT_ATTR_SSL_SESSION, session).build() : Attributes.EMPTY;
        return new ServerCall<>() {
            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public void request(int numMessages) {
            }

            @Override
            public void sendHeaders(Metadata headers) {
            }

            @Override
            public void sendMessage(Object message) {
            }

            @Override
            public void close(Status status, Metadata trailers) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public MethodDescriptor<Object, Object> getMethodDescriptor() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("grpc-ops-mtls-unit");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
