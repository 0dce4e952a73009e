package io.github.grpcops.auth.jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.grpcops.auth.GrpcAuthProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Fetching the JWK Set over real HTTP from a server the test runs: only the configured URI or the one
 * discovery names, no redirects, bounded size and time, and a discovery document that must name the
 * configured issuer.
 */
class JwkSetClientTest {

    private final HttpServer server = server();

    private final List<String> requests = new CopyOnWriteArrayList<>();

    private final GrpcAuthProperties.RemoteKeys settings = new GrpcAuthProperties.RemoteKeys();

    JwkSetClientTest() {
        this.settings.setAllowHttp(true);
        this.settings.setReadTimeout(Duration.ofMillis(300));
        this.settings.setMaxSize(DataSize.ofKilobytes(4));
    }

    @AfterEach
    void stop() {
        this.server.stop(0);
    }

    @Test
    void discoveryFindsTheKeySetOnceAndOnlyThoseTwoAreRequested() throws IOException {
        answer("/realms/a/.well-known/openid-configuration", 200,
                "{\"issuer\":\"" + url("/realms/a") + "\",\"jwks_uri\":\"" + url("/realms/a/certs") + "\"}");
        answer("/realms/a/certs", 200, "{\"keys\":[]}");
        JwkSetClient client = new JwkSetClient(null, URI.create(url("/realms/a")), this.settings);
        assertThat(client.fetch()).isEqualTo("{\"keys\":[]}");
        assertThat(client.fetch()).isEqualTo("{\"keys\":[]}");
        assertThat(this.requests).containsExactly("/realms/a/.well-known/openid-configuration", "/realms/a/certs",
                "/realms/a/certs");
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerOrWithAPlainHttpKeySetIsRefused() {
        answer("/other/.well-known/openid-configuration", 200,
                "{\"issuer\":\"https://evil.example\",\"jwks_uri\":\"" + url("/certs") + "\"}");
        assertThatIOException()
            .isThrownBy(() -> new JwkSetClient(null, URI.create(url("/other")), this.settings).fetch())
            .withMessageContaining("names issuer https://evil.example, not grpc.auth.jwt.issuer-uri");

        this.settings.setAllowHttp(false);
        answer("/plain/.well-known/openid-configuration", 200,
                "{\"issuer\":\"" + url("/plain") + "\",\"jwks_uri\":\"" + url("/certs") + "\"}");
        assertThatIOException()
            .isThrownBy(() -> new JwkSetClient(null, URI.create(url("/plain")), this.settings).fetch())
            .withMessageContaining("is not an absolute https URL");
        assertThat(this.requests).doesNotContain("/certs");
    }

    @Test
    void redirectsAreNotFollowed() {
        this.server.createContext("/moved", exchange -> {
            this.requests.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().set("Location", url("/elsewhere"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        assertThatIOException().isThrownBy(() -> keySetAt("/moved").fetch())
            .withMessageContaining("answered HTTP 302 (redirects are not followed)");
        assertThat(this.requests).containsExactly("/moved");
    }

    @Test
    void answersLargerThanTheLimitAreRefusedDeclaredOrNot() {
        answer("/large", 200, "x".repeat(5000));
        assertThatIOException().isThrownBy(() -> keySetAt("/large").fetch())
            .withMessageContaining("more than grpc.auth.jwt.jwks.max-size (4096 bytes)");
        this.server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write("y".repeat(1000).getBytes(StandardCharsets.UTF_8));
                }
            }
            catch (IOException ex) {
                // the client hung up once it had enough
            }
        });
        assertThatIOException().isThrownBy(() -> keySetAt("/chunked").fetch())
            .withMessageContaining("sent more than grpc.auth.jwt.jwks.max-size");
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeFailsTheFetch() {
        this.server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
                exchange.sendResponseHeaders(200, -1);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            finally {
                exchange.close();
            }
        });
        long started = System.nanoTime();
        assertThatIOException().isThrownBy(() -> keySetAt("/slow").fetch());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void errorStatusesFailTheFetch() {
        answer("/down", 503, "");
        assertThatIOException().isThrownBy(() -> keySetAt("/down").fetch()).withMessageContaining("answered HTTP 503");
    }

    private JwkSetClient keySetAt(String path) {
        return new JwkSetClient(URI.create(url(path)), null, this.settings);
    }

    private void answer(String path, int status, String body) {
        this.server.createContext(path, exchange -> respond(exchange, status, body));
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        this.requests.add(exchange.getRequestURI().getPath());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
    }

    private static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
