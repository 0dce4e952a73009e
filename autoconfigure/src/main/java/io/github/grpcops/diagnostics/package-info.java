/**
 * Start-up failures grpc-ops explains, as one description and one action. A leaf: it depends on no
 * capability.
 *
 * <p>API: {@link io.github.grpcops.diagnostics.GrpcOpsConfigurationException} (what every capability
 * throws for a setting that cannot work; it names the property) and
 * {@link io.github.grpcops.diagnostics.PropertyChecks} (the shared checks that throw it). Internal:
 * {@link io.github.grpcops.diagnostics.GrpcOpsFailureAnalyzer}, public only because Spring Boot loads it
 * from {@code META-INF/spring.factories}.
 */
package io.github.grpcops.diagnostics;
