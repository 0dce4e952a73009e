package io.github.grpcops.sample.user;

import io.github.grpcops.auth.GrpcPrincipal;
import io.github.grpcops.auth.GrpcUserResolver;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a verified credential into one of the shop's own users: the token's {@code sub} or the API
 * key's owner is a username. Unknown or inactive users get {@code UNAUTHENTICATED}; the staff flag comes
 * from the database, not from the token. {@code sample.resolve-users=false} leaves the starter's default
 * (the principal as the credential says), which the benchmark uses to measure authentication alone.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.resolve-users", matchIfMissing = true)
public class SampleUserResolver implements GrpcUserResolver {

    private final AppUserRepository users;

    public SampleUserResolver(AppUserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public GrpcPrincipal resolve(GrpcPrincipal verified) {
        return this.users.findByUsername(verified.id())
            .filter(AppUser::isActive)
            .map(user -> GrpcPrincipal.builder(String.valueOf(user.getId()), verified.method())
                .name(user.getUsername())
                .staff(user.isStaff())
                .authorities(verified.authorities())
                .apiKeyId(verified.apiKeyId())
                .claims(verified.claims())
                .build())
            .orElse(null);
    }
}
