package io.github.grpcops.auth.apikey;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.grpcops.auth.ExpiringCache;
import io.github.grpcops.auth.GrpcAuthProperties;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists and revokes API keys, and looks them up for authentication. Lookups are cached for
 * {@code grpc.auth.api-key.cache-ttl} (unknown keys too, so a repeated guess costs no database round trip;
 * each new guess costs one indexed lookup): a
 * revoke evicts this instance's cache at once and reaches other instances within that time.
 */
public class ApiKeyManager {

    /** Field limits, checked before saving and used as the column lengths of {@link ApiKey}. */
    static final int MAX_NAME = 128;

    static final int MAX_DESCRIPTION = 512;

    static final int MAX_TYPE = 32;

    static final int MAX_OWNER = 128;

    /** Cached answer for a hash that matches no key. */
    private static final KeySnapshot UNKNOWN = new KeySnapshot(-1, null, null, false, null);

    private final ApiKeyRepository repository;

    private final TransactionTemplate transactions;

    private final ApiKeySecrets secrets;

    private final GrpcAuthProperties.ApiKey properties;

    private final Clock clock;

    private final ExpiringCache<String, KeySnapshot> lookups;

    public ApiKeyManager(ApiKeyRepository repository, TransactionTemplate transactions,
            GrpcAuthProperties.ApiKey properties, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.secrets = new ApiKeySecrets(properties.getPrefix());
        this.properties = properties;
        this.clock = clock;
        this.lookups = new ExpiringCache<>(properties.getCacheSize(), clock);
    }

    /**
     * Creates a key; the returned secret is shown to no one else and stored nowhere.
     * @throws IllegalArgumentException with a message naming the field, for a missing or oversized field
     *     or an expiry in the past
     */
    public CreatedApiKey create(NewApiKey request) {
        return store(request, this.secrets.generate());
    }

    /**
     * Stores a key whose secret was generated elsewhere (provisioned from a secrets manager to several
     * environments, migrated from another system); it must have the format {@link #create} produces.
     * @throws IllegalArgumentException as {@link #create} does, or when the secret is malformed
     */
    public CreatedApiKey register(NewApiKey request, String secret) {
        if (!this.secrets.isWellFormed(secret)) {
            throw new InvalidField("secret", "must be " + this.properties.getPrefix()
                    + " followed by 43 characters of A-Z, a-z, 0-9, - and _ (256 random bits in URL-safe base64)");
        }
        return store(request, secret);
    }

    private CreatedApiKey store(NewApiKey request, String secret) {
        Instant now = this.clock.instant();
        require(request.name(), "name", MAX_NAME, true);
        require(request.type(), "type", MAX_TYPE, true);
        require(request.description(), "description", MAX_DESCRIPTION, false);
        require(request.owner(), "owner", MAX_OWNER, false);
        require(request.createdBy(), "createdBy", MAX_OWNER, false);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new InvalidField("expiresAt", "must be in the future");
        }
        String hash = ApiKeySecrets.hash(secret);
        ApiKey key = this.repository.save(new ApiKey(request, this.secrets.visiblePrefix(secret), hash, now));
        // A registered secret may have been tried (and cached as unknown) before it existed.
        this.lookups.remove(hash);
        return new CreatedApiKey(key, secret);
    }

    public List<ApiKey> list() {
        return this.repository.findAllByOrderByIdDesc();
    }

    public Optional<ApiKey> find(long id) {
        return this.repository.findById(id);
    }

    public long countActive() {
        return this.repository.countByActiveTrue();
    }

    /** Deactivates a key; effective at once here. {@code false} when there is no such key. */
    public boolean revoke(long id) {
        Boolean found = this.transactions.execute(tx -> this.repository.findById(id).map(key -> {
            key.revoke(this.clock.instant());
            return true;
        }).orElse(false));
        this.lookups.removeIf(snapshot -> snapshot.id() == id);
        return Boolean.TRUE.equals(found);
    }

    /** Deactivates every active key of {@code owner}; returns how many. */
    public int revokeAllOf(String owner) {
        List<Long> revoked = this.transactions.execute(tx -> this.repository.findByOwnerAndActiveTrue(owner)
            .stream()
            .peek(key -> key.revoke(this.clock.instant()))
            .map(ApiKey::getId)
            .toList());
        this.lookups.removeIf(snapshot -> revoked.contains(snapshot.id()));
        return revoked.size();
    }

    /** The usable key the secret belongs to, or {@code null}: unknown, malformed, revoked or expired. */
    public KeySnapshot authenticate(String secret) {
        if (!this.secrets.isWellFormed(secret)) {
            return null;
        }
        String hash = ApiKeySecrets.hash(secret);
        KeySnapshot snapshot = this.lookups.get(hash);
        if (snapshot == null) {
            snapshot = this.repository.findByHash(hash).map(KeySnapshot::of).orElse(UNKNOWN);
            this.lookups.put(hash, snapshot, this.clock.instant().plus(this.properties.getCacheTtl()));
        }
        return snapshot.usableAt(this.clock.instant()) ? snapshot : null;
    }

    private static void require(String value, String field, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidField(field, "is required");
            }
            return;
        }
        if (value.length() > maxLength) {
            throw new InvalidField(field, "must be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField(field, "must not contain control characters");
        }
    }

    /** A rejected field of a request: the message is the field's name, a space, then the problem. */
    public static final class InvalidField extends IllegalArgumentException {

        private final String field;

        private final String problem;

        InvalidField(String field, String problem) {
            super(field + " " + problem);
            this.field = field;
            this.problem = problem;
        }

        public String field() {
            return this.field;
        }

        public String problem() {
            return this.problem;
        }
    }

    /**
     * What authentication needs of a key, detached from JPA so it can be cached.
     *
     * @param id the key's id
     * @param name its label
     * @param owner who it acts for, or {@code null}
     * @param active whether it was active when read
     * @param expiresAt when it expires, or {@code null}
     */
    public record KeySnapshot(long id, String name, String owner, boolean active, Instant expiresAt) {

        static KeySnapshot of(ApiKey key) {
            return new KeySnapshot(key.getId(), key.getName(), key.getOwner(), key.isActive(), key.getExpiresAt());
        }

        boolean usableAt(Instant now) {
            return this.active && (this.expiresAt == null || now.isBefore(this.expiresAt));
        }
    }
}
