package io.github.grpcops.auth.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;

/**
 * A Keycloak-shaped OpenID provider on a loopback port (JDK {@code HttpServer}), for tests: a discovery
 * document at {@code /realms/test/.well-known/openid-configuration} naming the JWK Set at
 * {@code /realms/test/protocol/openid-connect/certs}, which publishes the RSA keys the test chooses and can
 * be taken down. It records every request path, and mints tokens signed with its keys.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String REALM_PATH = "/realms/test";

    public static final String DISCOVERY_PATH = REALM_PATH + "/.well-known/openid-configuration";

    public static final String CERTS_PATH = REALM_PATH + "/protocol/openid-connect/certs";

    private final HttpServer server;

    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    private volatile List<String> published = List.of();

    private volatile boolean down;

    private volatile Duration delay = Duration.ZERO;

    private final List<String> requests = new CopyOnWriteArrayList<>();

    public TestIdentityProvider() {
        this.server = loopbackServer(this::handle);
    }

    /** An HTTP server on a free loopback port, each exchange on a daemon thread of its own. */
    private static HttpServer loopbackServer(HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", handler);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-http-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    /** The issuer, {@code http://127.0.0.1:<port>/realms/test}: what grpc.auth.jwt.issuer-uri is set to. */
    public String issuer() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + REALM_PATH;
    }

    public String certsUri() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + CERTS_PATH;
    }

    /** Publishes exactly these keys (created on first mention), by kid. */
    public void publish(String... kids) {
        for (String kid : kids) {
            key(kid);
        }
        this.published = List.of(kids);
    }

    /** Whether the provider answers 503 to everything, as one that is down behind its load balancer. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Makes each answer wait this long, so calls missing a key overlap in one fetch. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    public List<String> requests() {
        return List.copyOf(this.requests);
    }

    /** How many times the JWK Set itself was requested. */
    public long certsFetches() {
        return this.requests.stream().filter(CERTS_PATH::equals).count();
    }

    /** A token for {@code subject} from this issuer, an hour long, signed with the key {@code kid}. */
    public String token(String kid, String subject) {
        return builder(subject).header().keyId(kid).and().signWith(key(kid).getPrivate(), Jwts.SIG.RS256).compact();
    }

    /** Claims as {@link #token} has them, unsigned, for tests that forge headers. */
    public JwtBuilder builder(String subject) {
        return Jwts.builder()
            .subject(subject)
            .issuer(issuer())
            .expiration(java.util.Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    public KeyPair key(String kid) {
        return this.keys.computeIfAbsent(kid, k -> Jwts.SIG.RS256.keyPair().build());
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        this.requests.add(path);
        try (exchange) {
            if (!this.delay.isZero()) {
                Thread.sleep(this.delay.toMillis());
            }
            if (this.down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String body = switch (path) {
                case DISCOVERY_PATH -> "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + certsUri()
                        + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
                case CERTS_PATH -> jwks();
                default -> null;
            };
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private String jwks() {
        return this.published.stream()
            .map(kid -> Jwks.json(Jwks.builder()
                .key((RSAPublicKey) key(kid).getPublic())
                .id(kid)
                .algorithm("RS256")
                .publicKeyUse("sig")
                .build()))
            .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    /** A server that only counts what it is asked: where a forged token's jku or x5u points. */
    public static final class Bystander implements AutoCloseable {

        private final HttpServer server;

        private final List<String> requests = new CopyOnWriteArrayList<>();

        public Bystander() {
            this.server = loopbackServer(exchange -> {
                this.requests.add(exchange.getRequestURI().toString());
                try (exchange) {
                    exchange.sendResponseHeaders(404, -1);
                }
            });
        }

        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
        }

        public List<String> requests() {
            return List.copyOf(this.requests);
        }

        @Override
        public void close() {
            this.server.stop(0);
        }
    }
}
