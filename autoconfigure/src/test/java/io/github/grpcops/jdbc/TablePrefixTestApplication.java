package io.github.grpcops.jdbc;

import io.github.grpcops.test.EchoTestService;
import io.github.grpcops.test.GrpcTestClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The echo service plus an application entity of its own ({@link OrderLine}), every auto-configuration on. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EchoTestService.class)
public class TablePrefixTestApplication {

    @Bean
    GrpcTestClient grpcTestClient() {
        return new GrpcTestClient();
    }
}
