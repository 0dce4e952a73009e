package io.github.grpcops.auth.apikey;

import java.time.Instant;

/**
 * What to create a key with.
 *
 * @param name short label, required
 * @param description free text, or {@code null}
 * @param type what kind of caller uses it ({@code service}, {@code user} …), required
 * @param owner who the key acts for (a user name the {@link io.github.grpcops.auth.GrpcUserResolver}
 *     understands), or {@code null}
 * @param expiresAt when it stops working, or {@code null} for never
 * @param createdBy who created it, for the audit trail, or {@code null}
 */
public record NewApiKey(String name, String description, String type, String owner, Instant expiresAt,
        String createdBy) {

    public static NewApiKey named(String name) {
        return new NewApiKey(name, null, "service", null, null, null);
    }
}
