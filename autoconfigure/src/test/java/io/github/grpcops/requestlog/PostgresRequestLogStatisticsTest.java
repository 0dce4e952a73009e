package io.github.grpcops.requestlog;

import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms", "grpc.jdbc.initialize-schema=always" })
@Import({ TestAuthentication.class, LongNameService.class })
class PostgresRequestLogStatisticsTest extends RequestLogStatisticsTestBase {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }
}
