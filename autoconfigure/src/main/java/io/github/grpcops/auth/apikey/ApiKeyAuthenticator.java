package io.github.grpcops.auth.apikey;

import java.time.Clock;
import java.time.Instant;

import io.github.grpcops.auth.AuthenticationFailedException;
import io.github.grpcops.auth.AuthenticationMethod;
import io.github.grpcops.auth.CredentialAuthenticator;
import io.github.grpcops.auth.Credentials;
import io.github.grpcops.auth.GrpcPrincipal;
import io.grpc.Metadata;

/**
 * Verifies {@code x-api-key}. The caller becomes the key's owner when it has one (for the
 * {@link io.github.grpcops.auth.GrpcUserResolver} to load), else {@code api-key:<id>}; use is counted
 * in memory and written in the background.
 */
public class ApiKeyAuthenticator implements CredentialAuthenticator {

    public static final Metadata.Key<String> HEADER = Credentials.API_KEY;

    private final ApiKeyManager keys;

    private final ApiKeyUsageRecorder usage;

    private final Clock clock;

    public ApiKeyAuthenticator(ApiKeyManager keys, ApiKeyUsageRecorder usage, Clock clock) {
        this.keys = keys;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public boolean isPresent(Metadata headers) {
        return headers.containsKey(HEADER);
    }

    @Override
    public String description() {
        return "API keys";
    }

    @Override
    public GrpcPrincipal authenticate(Metadata headers) {
        String secret = Credentials.single(headers.getAll(HEADER), "x-api-key");
        ApiKeyManager.KeySnapshot key = this.keys.authenticate(secret.trim());
        if (key == null) {
            throw new AuthenticationFailedException("API key unknown, malformed, revoked or expired");
        }
        Instant now = this.clock.instant();
        this.usage.record(key.id(), now);
        String id = (key.owner() != null) ? key.owner() : "api-key:" + key.id();
        return GrpcPrincipal.builder(id, AuthenticationMethod.API_KEY)
            .name((key.owner() != null) ? key.owner() : key.name())
            .apiKeyId(Long.toString(key.id()))
            .build();
    }
}
