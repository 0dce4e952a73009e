package io.github.grpcops.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The sample services on the embedded default, H2. */
@SpringBootTest(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "server.port=0" })
@Import(SampleTestConfiguration.class)
class SampleServicesH2Test extends SampleServicesContract {

}
