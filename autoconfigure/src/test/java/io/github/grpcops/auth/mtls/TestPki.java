package io.github.grpcops.auth.mtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made by the test (BouncyCastle, EC P-256), issuing server and client
 * certificates written as PEM files, as net.devh's {@code grpc.server.security.*} and grpc-java's TLS
 * credentials read them.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path directory;

    private final String name;

    private final KeyPair key;

    private final X509Certificate certificate;

    private TestPki(Path directory, String name) {
        this.directory = directory;
        this.name = name;
        this.key = keyPair();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name), new X500Name("CN=" + name),
                this.key);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.certificate = sign(builder, this.key);
        write(name + "-ca.crt", pem("CERTIFICATE", encoded(this.certificate)));
    }

    /** A new authority named {@code name}, its certificate in {@code <name>-ca.crt} under {@code directory}. */
    static TestPki authority(Path directory, String name) {
        return new TestPki(directory, name);
    }

    Path certificateFile() {
        return this.directory.resolve(this.name + "-ca.crt");
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    Issued server(String file) {
        return issue(file, "CN=localhost", KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.iPAddress,
                "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** A client certificate with this subject and subject alternative names. */
    Issued client(String file, String subject, GeneralName... alternativeNames) {
        return issue(file, subject, KeyPurposeId.id_kp_clientAuth, alternativeNames);
    }

    private Issued issue(String file, String subject, KeyPurposeId purpose, GeneralName... alternativeNames) {
        KeyPair leaf = keyPair();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=" + this.name), new X500Name(subject), leaf);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (alternativeNames.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        X509Certificate certificate = sign(builder, this.key);
        Path chain = write(file + ".crt", pem("CERTIFICATE", encoded(certificate)));
        Path privateKey = write(file + ".key", pem("PRIVATE KEY", leaf.getPrivate().getEncoded()));
        return new Issued(certificate, chain, privateKey);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair key) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject,
                key.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) {
        try {
            return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        }
        catch (GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private Path write(String file, String content) {
        try {
            return Files.writeString(this.directory.resolve(file), content);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** An issued certificate and where its PEM files are. */
    record Issued(X509Certificate certificate, Path chain, Path privateKey) {
    }
}
