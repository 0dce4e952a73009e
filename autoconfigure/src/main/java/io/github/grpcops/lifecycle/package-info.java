/**
 * When grpc-ops' threads run: started once the application context has refreshed, stopped after the
 * gRPC server. API: {@link io.github.grpcops.lifecycle.LifecyclePhases} (the shutdown order, to place
 * your own {@code SmartLifecycle} against) and {@link io.github.grpcops.lifecycle.GrpcOpsThreads} (every
 * thread is named {@code grpc-ops-<what>-<n>}). {@link io.github.grpcops.lifecycle.BackgroundWork}, the
 * base of grpc-ops' periodic work, is public for the capability packages that extend it.
 */
package io.github.grpcops.lifecycle;
