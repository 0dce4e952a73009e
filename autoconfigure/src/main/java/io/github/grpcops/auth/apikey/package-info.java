/**
 * API keys: hashed at rest, shown once, expiring, revocable.
 *
 * <p>API: {@link io.github.grpcops.auth.apikey.ApiKeyManager} (create, list, revoke) with
 * {@link io.github.grpcops.auth.apikey.NewApiKey} and {@link io.github.grpcops.auth.apikey.CreatedApiKey},
 * the entity {@link io.github.grpcops.auth.apikey.ApiKey} and its
 * {@link io.github.grpcops.auth.apikey.ApiKeyRepository} (to query), the authenticator's type and header
 * ({@link io.github.grpcops.auth.apikey.ApiKeyAuthenticator}), the usage counter's {@code flush()}
 * ({@link io.github.grpcops.auth.apikey.ApiKeyUsageRecorder}) and
 * {@link io.github.grpcops.auth.apikey.ApiKeyAutoConfiguration}. Internal: how secrets are made, hashed
 * and parsed.
 */
package io.github.grpcops.auth.apikey;
