/**
 * Start-up failures grpc-ops explains: {@link io.github.grpcops.diagnostics.GrpcOpsConfigurationException}
 * (thrown by every capability for a setting that cannot work, checked by
 * {@link io.github.grpcops.diagnostics.PropertyChecks}) and the Spring Boot {@code FailureAnalyzer} that
 * reports it as one description and one action. A leaf: it depends on no capability.
 */
package io.github.grpcops.diagnostics;
