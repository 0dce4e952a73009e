package io.github.grpcops.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A minimal application for end-to-end tests: every auto-configuration plus the echo service, on a
 * real Netty server at a random port.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EchoTestService.class)
public class EchoTestApplication {

    @Bean
    GrpcTestClient grpcTestClient() {
        return new GrpcTestClient();
    }
}
