/**
 * grpc-ops-client: calls any method of any gRPC server through its reflection service, with JSON, and
 * needs neither Spring nor the grpc-ops server.
 *
 * <p>API: {@link io.github.grpcops.client.DynamicGrpcClient} and the call it builds
 * ({@link io.github.grpcops.client.DynamicCall}, {@link io.github.grpcops.client.DynamicResponse}),
 * the descriptions it returns ({@link io.github.grpcops.client.ServiceDescription},
 * {@link io.github.grpcops.client.MethodDescription}, {@link io.github.grpcops.client.FieldDescription}),
 * the exceptions under {@link io.github.grpcops.client.DynamicClientException}, and the client
 * interceptors for any channel ({@link io.github.grpcops.client.BearerTokenClientInterceptor},
 * {@link io.github.grpcops.client.ApiKeyClientInterceptor},
 * {@link io.github.grpcops.client.RequestIdClientInterceptor} with its
 * {@link io.github.grpcops.client.RequestIdSource},
 * {@link io.github.grpcops.client.TraceParentClientInterceptor} with its
 * {@link io.github.grpcops.client.TraceParentSource}, {@link io.github.grpcops.client.HeaderClientInterceptor}).
 * The reflection calls, descriptor cache, JSON mapping and response stream are internal.
 */
package io.github.grpcops.client;
