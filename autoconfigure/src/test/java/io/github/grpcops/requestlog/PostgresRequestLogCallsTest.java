package io.github.grpcops.requestlog;

import io.github.grpcops.test.EchoServerTest;
import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.context.annotation.Import;

@EchoServerTest(properties = { "grpc.request-log.writer.flush-interval=50ms", "grpc.jdbc.initialize-schema=always",
        "grpc.client-ip.trusted-proxies=127.0.0.1,10.0.0.0/8" })
@Import({ TestAuthentication.class, LongNameService.class, TestPostgres.DataSource.class })
class PostgresRequestLogCallsTest extends RequestLogCallsTestBase {
}
