package io.github.grpcops.requestlog;

import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The request log's endpoint sections on PostgreSQL. */
@TestPropertySource(properties = "grpc.jdbc.initialize-schema=always")
class PostgresRequestLogEndpointHttpTest extends RequestLogEndpointHttpTestBase {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }
}
