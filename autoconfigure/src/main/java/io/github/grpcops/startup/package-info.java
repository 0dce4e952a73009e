/**
 * What grpc-ops tells a user at start-up: the report of what it turned on and off and why, and the few
 * defaults it gives other libraries' properties, each one reported. Reads every capability; no capability
 * depends on it.
 *
 * <p>API: {@link io.github.grpcops.startup.StartupReportAutoConfiguration}. Internal: the report, its
 * listener, and {@link io.github.grpcops.startup.GrpcOpsPropertyDefaults}, public only because Spring
 * Boot loads it from {@code META-INF/spring.factories}.
 */
package io.github.grpcops.startup;
