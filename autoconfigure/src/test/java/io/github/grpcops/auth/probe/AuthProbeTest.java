package io.github.grpcops.auth.probe;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link SpringBootTest} of {@link AuthProbeApplication} on a real Netty server at a random loopback
 * port, with JWT (HS256, {@link TestTokens#SECRET}) and the internal key configured, and brute-force
 * protection's budget out of the way: these suites present bad credentials by the hundred from one
 * address (BruteForceProtectionTest tests the budget). API-key usage is written only when a test flushes
 * it (hourly otherwise), so the API-key tests that count it share the cached context of the other probe
 * tests instead of starting one of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AuthProbeApplication.class)
@TestPropertySource(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
        "spring.main.banner-mode=off", "grpc.auth.jwt.secret=" + TestTokens.SECRET,
        "grpc.auth.internal-key.enabled=true", "grpc.auth.internal-key.secret=" + TestTokens.INTERNAL_KEY,
        "grpc.auth.internal-key.authorities=reports:read", "grpc.auth.brute-force.max-failures=1000000",
        "grpc.auth.api-key.usage-flush-interval=1h" })
public @interface AuthProbeTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
