package io.github.grpcops.status;

import io.github.grpcops.test.EchoTestApplication;
import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

@SpringBootTest(classes = EchoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                ServerStatusHttpTestBase.PROPERTIES_HEARTBEAT, "grpc.status.purge-interval=200ms",
                "grpc.status.retention=1h", "management.endpoints.web.exposure.include=grpc,health,info",
                "management.endpoint.health.show-details=always", "grpc.jdbc.initialize-schema=always" })
@Import(TestPostgres.DataSource.class)
class PostgresServerStatusHttpTest extends ServerStatusHttpTestBase {
}
