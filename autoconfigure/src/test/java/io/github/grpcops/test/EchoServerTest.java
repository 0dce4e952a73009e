package io.github.grpcops.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link SpringBootTest} of {@link EchoTestApplication} on a real Netty server at a random loopback
 * port; extra {@link #properties()} configure the pipeline under test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = EchoTestApplication.class)
@TestPropertySource(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
        "spring.main.banner-mode=off" })
public @interface EchoServerTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
