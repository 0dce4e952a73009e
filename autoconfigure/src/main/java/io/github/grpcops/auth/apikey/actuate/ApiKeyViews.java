package io.github.grpcops.auth.apikey.actuate;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.grpcops.actuate.EndpointView;
import io.github.grpcops.auth.apikey.ApiKey;

/**
 * The JSON shapes of {@code /actuator/grpc/apikeys}, as documented in {@code docs/monitoring.md}. Only
 * {@link Created} holds a secret; no shape holds a hash.
 */
final class ApiKeyViews {

    private ApiKeyViews() {
    }

    /**
     * A key, masked to its visible prefix.
     *
     * @param id the key's id
     * @param name its label
     * @param description what it is for
     * @param type service, user …
     * @param owner the principal id calls with it run as
     * @param prefix the visible start of the secret, with an ellipsis
     * @param active whether it was not revoked
     * @param expiresAt when it expires
     * @param lastUsedAt when it last authenticated a call
     * @param requestCount calls it authenticated
     * @param createdBy who created it
     * @param createdAt when it was created
     * @param updatedAt when it last changed
     */
    @EndpointView
    record Key(Long id, String name, String description, String type, String owner, String prefix, boolean active,
            Instant expiresAt, Instant lastUsedAt, long requestCount, String createdBy, Instant createdAt,
            Instant updatedAt) {

        static Key of(ApiKey key) {
            return new Key(key.getId(), key.getName(), key.getDescription(), key.getType(), key.getOwner(),
                    key.getPrefix() + "…", key.isActive(), key.getExpiresAt(), key.getLastUsedAt(),
                    key.getRequestCount(), key.getCreatedBy(), key.getCreatedAt(), key.getUpdatedAt());
        }
    }

    /**
     * A key just created, with its secret: the only answer that ever holds it.
     *
     * @param key the key
     * @param secret the full key, not stored
     * @param notice a reminder to store it
     */
    @EndpointView
    record Created(@JsonUnwrapped Key key, String secret, String notice) {

        /** Without the secret: debug logging of the response body must not write it. */
        @Override
        public String toString() {
            return "Created[key=" + this.key + "]";
        }
    }

    /**
     * {@code /apikeys}.
     *
     * @param keys every key, newest id first
     */
    @EndpointView
    record Keys(List<Key> keys) {
    }

    /**
     * A key revoked.
     *
     * @param id its id
     * @param active always {@code false}
     */
    @EndpointView
    record Revoked(long id, boolean active) {
    }

    /**
     * The {@code apikeys} entry of the overview.
     *
     * @param active active keys in the database
     */
    @EndpointView
    record ActiveCount(long active) {
    }
}
