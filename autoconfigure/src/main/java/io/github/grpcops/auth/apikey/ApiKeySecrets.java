package io.github.grpcops.auth.apikey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.github.grpcops.auth.Credentials;

/**
 * The format of keys: a recognisable prefix, then 32 random bytes (256 bits) in URL-safe base64 (43
 * characters). Stored as a SHA-256 hex digest plus a visible prefix of 6 random characters: a secret with
 * 256 bits of entropy needs no salt or slow hash, and hashing lets a lookup be one indexed query.
 */
final class ApiKeySecrets {

    static final int RANDOM_BYTES = 32;

    static final int VISIBLE_CHARACTERS = 6;

    private static final int ENCODED_LENGTH = 43;

    private final SecureRandom random = new SecureRandom();

    private final String prefix;

    private final Pattern format;

    ApiKeySecrets(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9_]{1,16}")) {
            throw new IllegalStateException(
                    "grpc.auth.api-key.prefix must be 1 to 16 of A-Z, a-z, 0-9 and _, such as gops_");
        }
        this.prefix = prefix;
        this.format = Pattern.compile(Pattern.quote(prefix) + "[A-Za-z0-9_-]{" + ENCODED_LENGTH + "}");
    }

    String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        this.random.nextBytes(bytes);
        return this.prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code candidate} has the shape of a key of ours; anything else is refused without a lookup. */
    boolean isWellFormed(String candidate) {
        return candidate != null && this.format.matcher(candidate).matches();
    }

    String visiblePrefix(String secret) {
        return secret.substring(0, this.prefix.length() + VISIBLE_CHARACTERS);
    }

    static String hash(String secret) {
        return HexFormat.of().formatHex(Credentials.sha256(secret));
    }
}
