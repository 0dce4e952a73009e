package io.github.grpcops.auth.apikey;

/**
 * A key just created: the only moment the secret exists outside the caller's hands.
 *
 * @param key the stored key
 * @param secret the full key to give to the caller; not stored and not retrievable later
 */
public record CreatedApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "CreatedApiKey[id=" + this.key.getId() + ", prefix=" + this.key.getPrefix() + "]";
    }
}
