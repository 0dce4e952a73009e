package io.github.grpcops.sample.dev;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.github.grpcops.sample.user.AppUserRepository;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Development only ({@code dev} profile, and only when asked with {@code --sample.dev.token-for=<username>}):
 * prints a one-hour JWT for a seeded user, signed with the dev profile's secret, so the README's
 * authenticated calls can be tried. It writes to standard output on purpose, never to a logger, and
 * does not exist outside the {@code dev} profile.
 */
@Component
@Profile("dev")
@ConditionalOnProperty("sample.dev.token-for")
class DevTokenPrinter {

    private final AppUserRepository users;

    private final String username;

    private final String secret;

    DevTokenPrinter(AppUserRepository users, @Value("${sample.dev.token-for}") String username,
            @Value("${grpc.auth.jwt.secret}") String secret) {
        this.users = users;
        this.username = username;
        this.secret = secret;
    }

    /** After every runner, so the demo users exist. */
    @EventListener(ApplicationReadyEvent.class)
    public void print() {
        if (this.users.findByUsername(this.username).isEmpty()) {
            System.out.println("No user '" + this.username + "' to mint a development token for (try alice or bob)");
            return;
        }
        String token = Jwts.builder()
            .subject(this.username)
            .issuedAt(new Date())
            .expiration(Date.from(Instant.now().plus(Duration.ofHours(1))))
            .signWith(Keys.hmacShaKeyFor(this.secret.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
            .compact();
        System.out.println("Development token for " + this.username + " (valid 1 hour):");
        System.out.println(token);
    }
}
