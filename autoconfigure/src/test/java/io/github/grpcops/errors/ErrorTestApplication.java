package io.github.grpcops.errors;

import io.github.grpcops.test.GrpcTestClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Every auto-configuration with {@link FaultyEchoService} instead of the well-behaved echo service. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(FaultyEchoService.class)
class ErrorTestApplication {

    @Bean
    GrpcTestClient grpcTestClient() {
        return new GrpcTestClient();
    }
}
