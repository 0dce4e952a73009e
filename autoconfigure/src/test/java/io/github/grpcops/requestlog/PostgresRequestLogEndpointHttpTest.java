package io.github.grpcops.requestlog;

import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** The request log's endpoint sections on PostgreSQL. */
@TestPropertySource(properties = "grpc.jdbc.initialize-schema=always")
@Import(TestPostgres.DataSource.class)
class PostgresRequestLogEndpointHttpTest extends RequestLogEndpointHttpTestBase {
}
