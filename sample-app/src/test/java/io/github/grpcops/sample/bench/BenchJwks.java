package io.github.grpcops.sample.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;

/**
 * One RSA key for the benchmark's RS256 configurations, offered two ways: as a PEM file (the static key of
 * {@code jwt-rsa}) and as the JWK Set of a tiny identity provider this JVM serves on a loopback port (the
 * keys from the identity provider of {@code jwt-jwks}), so the two differ only in where the key comes from.
 */
final class BenchJwks {

    private static final String KID = "bench-rsa";

    private static final KeyPair KEY = Jwts.SIG.RS256.keyPair().build();

    private static final String TOKEN = Jwts.builder()
        .header().keyId(KID).and()
        .subject("bob")
        .expiration(Date.from(Instant.now().plus(Duration.ofDays(1))))
        .signWith(KEY.getPrivate(), Jwts.SIG.RS256)
        .compact();

    private static final HttpServer SERVER = serve();

    private static final Path PEM = writePem();

    private BenchJwks() {
    }

    static String token() {
        return TOKEN;
    }

    /** The JWK Set's URL on this JVM's loopback server. */
    static String jwkSetUri() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/jwks.json";
    }

    /** The public key as a PEM file, for grpc.auth.jwt.public-key. */
    static String publicKeyResource() {
        return PEM.toUri().toString();
    }

    private static HttpServer serve() {
        byte[] body = ("{\"keys\":[" + Jwks.json(Jwks.builder().key((RSAPublicKey) KEY.getPublic()).id(KID)
            .algorithm("RS256").publicKeyUse("sig").build()) + "]}").getBytes(StandardCharsets.UTF_8);
        // Started from a daemon thread, so that its dispatcher thread is a daemon too and never keeps the
        // harness alive (--list, --help). The thread runs JwkSetServer's code, not this class's: code of a
        // class still being initialised would wait for that initialisation, which waits for the thread.
        JwkSetServer server = new JwkSetServer(body);
        Thread starter = new Thread(server, "bench-jwks");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (server.started.get() == null) {
            throw new IllegalStateException("Could not start the benchmark's JWK Set server");
        }
        return server.started.get();
    }

    /** Serves one JWK Set at /jwks.json on a free loopback port. */
    private static final class JwkSetServer implements Runnable {

        private final byte[] body;

        private final AtomicReference<HttpServer> started = new AtomicReference<>();

        JwkSetServer(byte[] body) {
            this.body = body;
        }

        @Override
        public void run() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/jwks.json", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, this.body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(this.body);
                    }
                });
                server.start();
                this.started.set(server);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static Path writePem() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(KEY.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("grpc-ops-bench-", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
