package io.github.grpcops.auth.probe;

import io.github.grpcops.auth.GrpcUserResolver;
import io.github.grpcops.test.GrpcTestClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Every auto-configuration plus probe services that report the caller they see, on a real Netty server
 * at a random port; H2 by default, and its own entity for the read-only tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ AuthProbeService.class, LockedProbeService.class, ReadOnlyProbeService.class, CallAttributesProbe.class })
public class AuthProbeApplication {

    @Bean
    GrpcTestClient grpcTestClient() {
        return new GrpcTestClient();
    }

    /** Refuses the user "refused" and fails for "db-down", as a resolver backed by a database might. */
    @Bean
    GrpcUserResolver probeUserResolver() {
        return verified -> switch (verified.id()) {
            case "refused" -> null;
            case "db-down" -> throw new IllegalStateException("connection refused: jdbc:h2:mem:secret-url");
            default -> verified;
        };
    }

    @Bean
    Invocations invocations() {
        return new Invocations();
    }
}
