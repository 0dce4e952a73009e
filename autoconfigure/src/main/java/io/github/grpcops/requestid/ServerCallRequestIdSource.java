package io.github.grpcops.requestid;

import io.github.grpcops.client.RequestIdSource;

/**
 * Hands the id of the call being served to grpc-ops-client's {@code RequestIdClientInterceptor}, which
 * finds this class through {@code META-INF/services}, so outgoing calls carry the id on.
 */
public class ServerCallRequestIdSource implements RequestIdSource {

    @Override
    public String current() {
        return GrpcRequestId.current();
    }
}
