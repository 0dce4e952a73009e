package io.github.grpcops.auth.jwt;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.AuthenticationUnavailableException;
import io.github.grpcops.auth.GrpcAuthProperties;
import io.github.grpcops.lifecycle.GrpcOpsThreads;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.KeyOperation;
import io.jsonwebtoken.security.PublicJwk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;

/**
 * Signing keys fetched from the identity provider's JWK Set (parsed by jjwt) and chosen by the token's
 * {@code kid}, so the provider can rotate keys without a restart:
 *
 * <ul>
 * <li>the keys are fetched when first needed (and in the background at start-up), then again in the
 * background once {@code refresh-interval} has passed, the old keys serving meanwhile;</li>
 * <li>a token naming a {@code kid} the keys lack makes its call fetch them again at once (a rotation);
 * calls missing keys at the same time share one fetch, and no fetch starts within
 * {@code min-fetch-interval} of the last, so a flood of made-up {@code kid}s costs one request per
 * interval;</li>
 * <li>when the provider cannot be reached, the keys fetched before keep verifying tokens; a token whose
 * key is unknown then gets {@link AuthenticationUnavailableException} (the caller may retry) rather than
 * a misleading "invalid credentials";</li>
 * <li>a key the provider stops publishing stops verifying tokens with the next fetch ({@link #trusts}),
 * cached verifications included.</li>
 * </ul>
 *
 * A {@code kid} is only ever compared with the keys' ids: never put in a URI, a path or a log line.
 */
final class JwkSetKeys implements VerificationKeys, AutoCloseable {

    static final String UNAVAILABLE = "Authentication is temporarily unavailable: the token's signing key "
            + "cannot be fetched from the identity provider; retry later";

    private static final Logger log = LoggerFactory.getLogger(JwkSetKeys.class);

    private final Source source;

    private final Set<String> algorithms;

    private final Duration refreshInterval;

    private final Duration minFetchInterval;

    private final Clock clock;

    private final AtomicReference<CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();

    private final Executor background;

    private volatile Snapshot snapshot = Snapshot.NONE;

    JwkSetKeys(Source source, Set<String> algorithms, Duration refreshInterval, Duration minFetchInterval,
            Clock clock, Executor background) {
        this.source = source;
        this.algorithms = Set.copyOf(algorithms);
        this.refreshInterval = refreshInterval;
        this.minFetchInterval = minFetchInterval;
        this.clock = clock;
        this.background = background;
    }

    /** Keys from {@code jwk-set-uri} or {@code issuer-uri}, the settings checked. */
    static JwkSetKeys from(GrpcAuthProperties.Jwt properties) {
        GrpcAuthProperties.RemoteKeys settings = properties.getJwks();
        boolean http = settings.isAllowHttp();
        URI jwkSetUri = StringUtils.hasText(properties.getJwkSetUri())
                ? uri(properties.getJwkSetUri(), "grpc.auth.jwt.jwk-set-uri", http) : null;
        URI issuerUri = StringUtils.hasText(properties.getIssuerUri())
                ? uri(properties.getIssuerUri(), "grpc.auth.jwt.issuer-uri", http) : null;
        Set<String> algorithms = JwtVerificationKey.algorithms(properties.getAlgorithms(), "RS256");
        for (String algorithm : algorithms) {
            if (!JwtVerificationKey.RSA.contains(algorithm) && !JwtVerificationKey.EC.contains(algorithm)) {
                throw new InvalidJwtPropertiesException("grpc.auth.jwt.algorithms", "grpc.auth.jwt.algorithms: "
                        + algorithm + " cannot be verified with keys from a JWK Set; use RS256, RS384, RS512, "
                        + "PS256, PS384, PS512, ES256, ES384 or ES512");
            }
        }
        positive(settings.getRefreshInterval(), "grpc.auth.jwt.jwks.refresh-interval");
        positive(settings.getMinFetchInterval(), "grpc.auth.jwt.jwks.min-fetch-interval");
        positive(settings.getConnectTimeout(), "grpc.auth.jwt.jwks.connect-timeout");
        positive(settings.getReadTimeout(), "grpc.auth.jwt.jwks.read-timeout");
        if (settings.getMaxSize() == null || settings.getMaxSize().toBytes() <= 0) {
            throw new InvalidJwtPropertiesException("grpc.auth.jwt.jwks.max-size",
                    "grpc.auth.jwt.jwks.max-size must be positive, was " + settings.getMaxSize());
        }
        return new JwkSetKeys(new JwkSetClient(jwkSetUri, issuerUri, settings), algorithms,
                settings.getRefreshInterval(), settings.getMinFetchInterval(), Clock.systemUTC(), refreshThread());
    }

    /** At most one background refresh at a time, on a thread that exists only while it runs. */
    private static ExecutorService refreshThread() {
        return new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                GrpcOpsThreads.named("jwks-refresh"), new ThreadPoolExecutor.DiscardPolicy());
    }

    @Override
    public Key keyFor(JwsHeader header) {
        String algorithm = header.getAlgorithm();
        if (algorithm == null || !this.algorithms.contains(algorithm)) {
            throw new UnsupportedJwtException("algorithm not accepted");
        }
        String kid = header.getKeyId();
        Snapshot current = this.snapshot;
        if (current.fetchedAt() != null) {
            Key key = current.find(kid, algorithm);
            if (key != null) {
                refreshIfDue(current);
                return key;
            }
            if (kid == null && current.fitting(algorithm) > 1) {
                throw new AuthenticationFailedException("token has no kid and several keys fit " + algorithm);
            }
        }
        // Never fetched, or a key it lacks (a rotation, or a made-up kid): fetch now, within the limits.
        Snapshot after = fetchUnlessTooSoon();
        Key key = after.find(kid, algorithm);
        if (key != null) {
            return key;
        }
        if (after.failing()) {
            throw new AuthenticationUnavailableException(UNAVAILABLE);
        }
        throw new AuthenticationFailedException("no key of the JWK Set fits the token's kid and " + algorithm);
    }

    @Override
    public boolean trusts(Key key) {
        Snapshot current = this.snapshot;
        refreshIfDue(current);
        return current.keys().contains(key);
    }

    /** Starts a fetch in the background, unless one is running or the last was too recent. */
    public void refreshInBackground() {
        this.background.execute(this::fetchUnlessTooSoon);
    }

    /** Stops the background refresh thread, if any. */
    @Override
    public void close() {
        if (this.background instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    private void refreshIfDue(Snapshot current) {
        Instant now = this.clock.instant();
        boolean stale = current.fetchedAt() != null && !now.isBefore(current.fetchedAt().plus(this.refreshInterval));
        boolean retry = current.failing() && current.attemptedAt() != null
                && !now.isBefore(current.attemptedAt().plus(this.minFetchInterval));
        if ((stale || retry) && this.inFlight.get() == null) {
            refreshInBackground();
        }
    }

    /** The keys after a fetch: this thread's, one already running, or none when the last one was too recent. */
    private Snapshot fetchUnlessTooSoon() {
        CompletableFuture<Snapshot> running = this.inFlight.get();
        if (running != null) {
            return await(running);
        }
        if (tooSoon(this.snapshot)) {
            return this.snapshot;
        }
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        running = this.inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Snapshot previous = this.snapshot;
            // Checked again now that this thread is the one fetching: another fetch may just have ended.
            Snapshot next = tooSoon(previous) ? previous : fetch(previous);
            this.snapshot = next;
            mine.complete(next);
            return next;
        }
        catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
        finally {
            this.inFlight.set(null);
        }
    }

    private boolean tooSoon(Snapshot current) {
        return current.attemptedAt() != null
                && this.clock.instant().isBefore(current.attemptedAt().plus(this.minFetchInterval));
    }

    private Snapshot fetch(Snapshot previous) {
        Instant now = this.clock.instant();
        try {
            List<Entry> entries = parse(this.source.fetch());
            Snapshot next = Snapshot.of(entries, now, now, false);
            if (previous.failing() || !next.ids().equals(previous.ids())) {
                log.info("Signing keys from {}: {}", this.source, next.ids());
            }
            return next;
        }
        catch (IOException | RuntimeException ex) {
            String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            if (previous.failing()) {
                log.debug("Still cannot fetch the signing keys from {}: {}", this.source, message);
            }
            else {
                log.warn("Cannot fetch the signing keys from {} ({}); {} keys fetched before keep verifying tokens, "
                        + "tokens naming other keys get UNAVAILABLE until it answers", this.source, message,
                        previous.keys().size());
            }
            return Snapshot.of(previous.entries(), previous.fetchedAt(), now, true);
        }
    }

    /** The RSA and EC public keys meant for signatures; other keys (symmetric, private, encryption) are left out. */
    static List<Entry> parse(String json) {
        List<Entry> entries = new ArrayList<>();
        for (Jwk<?> jwk : Jwks.setParser().build().parse(json)) {
            if (!(jwk instanceof PublicJwk<?> key) || !(key.toKey() instanceof RSAPublicKey
                    || key.toKey() instanceof ECPublicKey)) {
                continue;
            }
            boolean signs = (key.getPublicKeyUse() == null || "sig".equals(key.getPublicKeyUse()))
                    && (key.getOperations() == null || key.getOperations().isEmpty()
                            || key.getOperations().stream().map(KeyOperation::getId).anyMatch("verify"::equals));
            if (signs) {
                entries.add(new Entry(key.getId(), key.getAlgorithm(), key.toKey()));
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the JWK Set holds no RSA or EC public key for signatures");
        }
        return List.copyOf(entries);
    }

    private static Snapshot await(CompletableFuture<Snapshot> fetch) {
        try {
            return fetch.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AuthenticationUnavailableException(UNAVAILABLE);
        }
        catch (ExecutionException ex) {
            throw new AuthenticationUnavailableException(UNAVAILABLE);
        }
    }

    private static URI uri(String value, String property, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(value.trim());
        }
        catch (URISyntaxException ex) {
            throw new InvalidJwtPropertiesException(property, property + " is not a URI: " + ex.getMessage());
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !JwkSetClient.allowedScheme(uri.getScheme(), allowHttp)) {
            throw new InvalidJwtPropertiesException(property, property + " must be an absolute https URL, was "
                    + value + (allowHttp ? "" : " (grpc.auth.jwt.jwks.allow-http=true accepts http, for a provider "
                            + "on this host or in tests only)"));
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new InvalidJwtPropertiesException(property, property + " must not carry user info or a fragment");
        }
        return uri;
    }

    private static void positive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidJwtPropertiesException(property, property + " must be positive, was " + duration);
        }
    }

    /** Fetches the JWK Set's JSON; {@link JwkSetClient} over HTTP. */
    interface Source {

        String fetch() throws IOException;
    }

    /** One signing key of the set: its id and declared algorithm (either may be absent). */
    record Entry(String kid, String algorithm, Key key) {

        boolean fits(String tokenAlgorithm) {
            boolean type = tokenAlgorithm.startsWith("ES") ? this.key instanceof ECPublicKey
                    : this.key instanceof RSAPublicKey;
            return type && (this.algorithm == null || this.algorithm.equals(tokenAlgorithm));
        }
    }

    /**
     * The keys as last fetched.
     * @param entries the signing keys
     * @param keys the same keys, to look up
     * @param fetchedAt when they were fetched, {@code null} before the first success
     * @param attemptedAt when a fetch last ended, successful or not; {@code null} before the first
     * @param failing whether that last fetch failed
     */
    record Snapshot(List<Entry> entries, Set<Key> keys, Instant fetchedAt, Instant attemptedAt, boolean failing) {

        static final Snapshot NONE = of(List.of(), null, null, false);

        static Snapshot of(List<Entry> entries, Instant fetchedAt, Instant attemptedAt, boolean failing) {
            return new Snapshot(entries, entries.stream().map(Entry::key).collect(Collectors.toUnmodifiableSet()),
                    fetchedAt, attemptedAt, failing);
        }

        /** The key for a {@code kid}; without one, the only key fitting the algorithm. */
        Key find(String kid, String algorithm) {
            if (kid == null) {
                List<Entry> fitting = this.entries.stream().filter(entry -> entry.fits(algorithm)).toList();
                return (fitting.size() == 1) ? fitting.get(0).key() : null;
            }
            for (Entry entry : this.entries) {
                if (kid.equals(entry.kid()) && entry.fits(algorithm)) {
                    return entry.key();
                }
            }
            return null;
        }

        long fitting(String algorithm) {
            return this.entries.stream().filter(entry -> entry.fits(algorithm)).count();
        }

        /** The key ids, for the log (they are public). */
        List<String> ids() {
            return this.entries.stream().map(entry -> Objects.toString(entry.kid(), "(no kid)")).toList();
        }
    }
}
