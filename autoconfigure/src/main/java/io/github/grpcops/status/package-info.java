/**
 * This instance's row in {@code grpc_server_status}, with heartbeats, and the health service turned
 * NOT_SERVING when shutdown begins.
 *
 * <p>API: the entity {@link io.github.grpcops.status.GrpcServerStatus} and its
 * {@link io.github.grpcops.status.GrpcServerStatusRepository} (to query), the tracker
 * ({@link io.github.grpcops.status.ServerStatusTracker}) and what it tells
 * ({@link io.github.grpcops.status.ServerSnapshot}, {@link io.github.grpcops.status.ServerState},
 * {@link io.github.grpcops.status.Liveness}, {@link io.github.grpcops.status.RegisteredService}),
 * {@link io.github.grpcops.status.GrpcStatusProperties} and
 * {@link io.github.grpcops.status.ServerStatusAutoConfiguration}. Internal: the host name lookup.
 */
package io.github.grpcops.status;
