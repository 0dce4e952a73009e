package io.github.grpcops.auth.apikey;

import io.github.grpcops.auth.probe.AuthProbeApplication;
import io.github.grpcops.test.postgres.TestPostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * On real PostgreSQL, with the table created by grpc-ops' own script ({@code ddl-auto=update} only
 * creates the probe's own table).
 */
@SpringBootTest(classes = AuthProbeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=grpc", "grpc.jdbc.initialize-schema=always",
                "spring.jpa.hibernate.ddl-auto=update" })
@Import(TestPostgres.DataSource.class)
class ApiKeyEndpointPostgresHttpTest extends ApiKeyEndpointHttpContract {
}
