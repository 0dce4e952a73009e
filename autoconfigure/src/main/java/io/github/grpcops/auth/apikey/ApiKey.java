package io.github.grpcops.auth.apikey;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An API key as stored: a SHA-256 hash of the secret and a short visible prefix, never the secret.
 */
@Entity
@Table(name = "grpc_api_key")
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = ApiKeyManager.MAX_NAME)
    private String name;

    @Column(length = ApiKeyManager.MAX_DESCRIPTION)
    private String description;

    @Column(name = "key_type", nullable = false, length = ApiKeyManager.MAX_TYPE)
    private String type;

    @Column(length = ApiKeyManager.MAX_OWNER)
    private String owner;

    @Column(name = "key_prefix", nullable = false, length = 32)
    private String prefix;

    @Column(name = "key_hash", nullable = false, unique = true, length = 64)
    private String hash;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "request_count", nullable = false)
    private long requestCount;

    @Column(name = "created_by", length = ApiKeyManager.MAX_OWNER)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ApiKey() {
    }

    ApiKey(NewApiKey request, String prefix, String hash, Instant now) {
        this.name = request.name();
        this.description = request.description();
        this.type = request.type();
        this.owner = request.owner();
        this.expiresAt = request.expiresAt();
        this.createdBy = request.createdBy();
        this.prefix = prefix;
        this.hash = hash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return this.id;
    }

    public String getName() {
        return this.name;
    }

    public String getDescription() {
        return this.description;
    }

    public String getType() {
        return this.type;
    }

    public String getOwner() {
        return this.owner;
    }

    /** The visible start of the key, to recognise it in lists; too short to use. */
    public String getPrefix() {
        return this.prefix;
    }

    String getHash() {
        return this.hash;
    }

    public boolean isActive() {
        return this.active;
    }

    public Instant getExpiresAt() {
        return this.expiresAt;
    }

    public Instant getLastUsedAt() {
        return this.lastUsedAt;
    }

    public long getRequestCount() {
        return this.requestCount;
    }

    public String getCreatedBy() {
        return this.createdBy;
    }

    public Instant getCreatedAt() {
        return this.createdAt;
    }

    public Instant getUpdatedAt() {
        return this.updatedAt;
    }

    void revoke(Instant now) {
        this.active = false;
        this.updatedAt = now;
    }

    /** Whether the key may be used at {@code now}. */
    public boolean isUsable(Instant now) {
        return this.active && (this.expiresAt == null || now.isBefore(this.expiresAt));
    }
}
