package io.github.grpcops.auth.apikey;

import io.github.grpcops.auth.probe.AuthProbeTest;

@AuthProbeTest(properties = "grpc.auth.api-key.usage-flush-interval=1h")
class ApiKeyH2Test extends ApiKeyContract {
}
