package io.github.grpcops.auth.mtls;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.AuthenticationMethod;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.auth.GrpcAuthProperties.Mtls.PrincipalSource;
import io.github.grpcops.auth.GrpcPrincipal;
import io.github.grpcops.auth.TransportAuthenticator;
import io.grpc.Grpc;
import io.grpc.ServerCall;

/**
 * The client certificate the TLS handshake verified (against {@code grpc.server.security.trust-cert-collection},
 * with {@code client-auth} {@code REQUIRE} or {@code OPTIONAL}) as the caller: its subject's common name, its
 * whole subject, or its first DNS name, e-mail address or URI among the subject alternative names,
 * optionally narrowed by a pattern, with the authorities {@code grpc.auth.mtls.authorities} maps to that
 * id. The certificate's subject, issuer, serial number and expiry are the principal's claims. A call on a
 * connection without a verified certificate is not authenticated here. The principal is made once per TLS
 * session and kept on it, so the calls of one connection do not parse its certificate again.
 */
public class ClientCertificateAuthenticator implements TransportAuthenticator {

    private static final AtomicLong INSTANCES = new AtomicLong();

    private static final int SAN_EMAIL = 1;

    private static final int SAN_DNS = 2;

    private static final int SAN_URI = 6;

    private final PrincipalSource source;

    private final Pattern pattern;

    private final Map<String, List<String>> authorities;

    /** The name this authenticator's principal has on a session: its own, since settings may differ. */
    private final String sessionKey = ClientCertificateAuthenticator.class.getName() + ".principal."
            + INSTANCES.incrementAndGet();

    public ClientCertificateAuthenticator(GrpcAuthProperties.Mtls properties) {
        this.source = properties.getPrincipalFrom();
        this.pattern = compile(properties.getPrincipalPattern());
        this.authorities = Map.copyOf(properties.getAuthorities());
    }

    @Override
    public GrpcPrincipal authenticate(ServerCall<?, ?> call) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        // Kept only once a verified certificate named it, so a session holding one is verified.
        if (session != null && session.getValue(this.sessionKey) instanceof GrpcPrincipal known) {
            return known;
        }
        X509Certificate certificate = verifiedCertificate(session);
        if (certificate == null) {
            return null;
        }
        GrpcPrincipal principal = principalOf(certificate);
        session.putValue(this.sessionKey, principal);
        return principal;
    }

    /** The caller the certificate names; a certificate that names none is refused (and never kept). */
    private GrpcPrincipal principalOf(X509Certificate certificate) {
        String name = name(certificate);
        if (name == null || name.isBlank()) {
            throw new AuthenticationFailedException("client certificate has no " + this.source);
        }
        String id = name;
        if (this.pattern != null) {
            Matcher matcher = this.pattern.matcher(name);
            if (!matcher.matches()) {
                throw new AuthenticationFailedException("client certificate's " + this.source
                        + " does not match grpc.auth.mtls.principal-pattern");
            }
            id = (matcher.groupCount() > 0 && matcher.group(1) != null) ? matcher.group(1) : name;
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("subject", certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
        claims.put("issuer", certificate.getIssuerX500Principal().getName(X500Principal.RFC2253));
        claims.put("serialNumber", certificate.getSerialNumber().toString(16));
        claims.put("notAfter", certificate.getNotAfter().toInstant());
        return GrpcPrincipal.builder(id, AuthenticationMethod.MTLS)
            .authorities(this.authorities.getOrDefault(id, List.of()))
            .claims(claims)
            .build();
    }

    /** The end-entity certificate of the peer, when the handshake verified one. */
    private static X509Certificate verifiedCertificate(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return (chain.length > 0 && chain[0] instanceof X509Certificate certificate) ? certificate : null;
        }
        catch (SSLPeerUnverifiedException ex) {
            return null;
        }
    }

    private String name(X509Certificate certificate) {
        return switch (this.source) {
            case SUBJECT -> certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
            case SUBJECT_CN -> commonName(certificate.getSubjectX500Principal());
            case SAN_DNS -> alternativeName(certificate, SAN_DNS);
            case SAN_EMAIL -> alternativeName(certificate, SAN_EMAIL);
            case SAN_URI -> alternativeName(certificate, SAN_URI);
        };
    }

    /** The most specific CN of the subject. */
    private static String commonName(X500Principal subject) {
        try {
            List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
            return null;
        }
        catch (InvalidNameException ex) {
            throw new AuthenticationFailedException("client certificate subject is not a distinguished name");
        }
    }

    private static String alternativeName(X509Certificate certificate, int type) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        }
        catch (CertificateParsingException ex) {
            throw new AuthenticationFailedException("client certificate's subject alternative names cannot be read");
        }
        if (names != null) {
            for (List<?> name : names) {
                if (name.size() >= 2 && Integer.valueOf(type).equals(name.get(0)) && name.get(1) instanceof String s) {
                    return s;
                }
            }
        }
        return null;
    }

    private static Pattern compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(pattern);
        }
        catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException("grpc.auth.mtls.principal-pattern is not a regular expression: "
                    + ex.getDescription());
        }
    }
}
