/**
 * The seams between grpc-ops and whichever library runs the gRPC server (an adapter such as
 * {@code io.github.grpcops.netdevh} implements them), and what grpc-ops adds to the server itself.
 *
 * <p>API, the seams: {@link io.github.grpcops.server.ServerBuilderCustomizer},
 * {@link io.github.grpcops.server.ServerLifecycleEvent}, {@link io.github.grpcops.server.ServerSettings},
 * {@link io.github.grpcops.server.ServiceDiscovery},
 * {@link io.github.grpcops.server.ServiceDefinitionTransformer} and
 * {@link io.github.grpcops.server.BuiltInService}. API, the server's parts: the bounded worker pool
 * ({@link io.github.grpcops.server.BoundedCallExecutor}, {@link io.github.grpcops.server.GrpcExecutorProperties},
 * {@link io.github.grpcops.server.OverloadServerInterceptor},
 * {@link io.github.grpcops.server.GrpcExecutorAutoConfiguration}) and the request guard
 * ({@link io.github.grpcops.server.RequestMessageGuard} with the reasons it refuses,
 * {@link io.github.grpcops.server.RequestGuardServerInterceptor},
 * {@link io.github.grpcops.server.RequestGuardAutoConfiguration}, and the seam an adapter serves calls to
 * unknown methods through, {@link io.github.grpcops.server.UnknownMethods}), the per-connection HTTP/2
 * limits ({@link io.github.grpcops.server.Http2LimitsProperties},
 * {@link io.github.grpcops.server.Http2LimitsAutoConfiguration}). Internal: the stream tracer behind the
 * request guard, the deferred gzip decompressor, the summary of grpc-java's per-stream warnings and the
 * builder customizer applying the limits.
 */
package io.github.grpcops.server;
