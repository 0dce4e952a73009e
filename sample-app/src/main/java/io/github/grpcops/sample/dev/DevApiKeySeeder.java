package io.github.grpcops.sample.dev;

import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.NewApiKey;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Development only ({@code dev} profile, and only with {@code --sample.dev.api-key=gops_...}): registers
 * that API key for bob at start-up, so a known key works against the in-memory database (the benchmark
 * uses it). Create real keys with {@code POST /actuator/grpc/apikeys} instead.
 */
@Component
@Profile("dev")
@ConditionalOnProperty("sample.dev.api-key")
class DevApiKeySeeder implements SmartInitializingSingleton {

    private final ApiKeyManager keys;

    private final String secret;

    DevApiKeySeeder(ApiKeyManager keys, @Value("${sample.dev.api-key}") String secret) {
        this.keys = keys;
        this.secret = secret;
    }

    /** Before the gRPC server starts (it starts with the context's lifecycle), so no call can miss the key. */
    @Override
    public void afterSingletonsInstantiated() {
        if (this.keys.authenticate(this.secret) == null) {
            this.keys.register(new NewApiKey("development", "registered by the dev profile", "user", "bob", null,
                    "dev-profile"), this.secret);
        }
    }
}
