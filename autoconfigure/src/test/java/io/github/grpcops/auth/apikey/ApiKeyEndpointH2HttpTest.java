package io.github.grpcops.auth.apikey;

import io.github.grpcops.auth.probe.AuthProbeApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** On the embedded default, H2. */
@SpringBootTest(classes = AuthProbeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
                "management.endpoint.grpc.access=unrestricted",
                "management.endpoints.web.exposure.include=grpc" })
class ApiKeyEndpointH2HttpTest extends ApiKeyEndpointHttpContract {

}
