package io.github.grpcops.auth.apikey;

import io.github.grpcops.auth.probe.AuthProbeTest;

@AuthProbeTest
class ApiKeyH2Test extends ApiKeyContract {
}
