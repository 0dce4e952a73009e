package io.github.grpcops.sample;

import io.github.grpcops.test.GrpcTestClient;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration
class SampleTestConfiguration {

    @Bean
    GrpcTestClient grpcTestClient() {
        return new GrpcTestClient();
    }
}
