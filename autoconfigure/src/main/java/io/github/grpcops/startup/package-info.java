/**
 * What grpc-ops tells a user at start-up: the report of what it turned on and off and why
 * ({@link io.github.grpcops.startup.StartupReportAutoConfiguration}), and the few defaults it gives other
 * libraries' properties ({@link io.github.grpcops.startup.GrpcOpsPropertyDefaults}), each one reported.
 * Reads every capability; no capability depends on it.
 */
package io.github.grpcops.startup;
