/**
 * {@code x-request-id} in, out, in the gRPC Context and the MDC. API:
 * {@link io.github.grpcops.requestid.GrpcRequestId} (the id of the call being served),
 * {@link io.github.grpcops.requestid.RequestIdProperties},
 * {@link io.github.grpcops.requestid.RequestIdServerInterceptor} and
 * {@link io.github.grpcops.requestid.RequestIdAutoConfiguration};
 * {@link io.github.grpcops.requestid.ServerCallRequestIdSource} is public because
 * {@code java.util.ServiceLoader} loads it for grpc-ops-client.
 */
package io.github.grpcops.requestid;
