package io.github.grpcops.tracing;

import java.util.ArrayList;
import java.util.List;

import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineOrder;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracing of calls: {@code grpc.tracing.*}.
 */
@ConfigurationProperties("grpc.tracing")
public class GrpcTracingProperties extends InterceptorProperties {

    public GrpcTracingProperties() {
        super(PipelineOrder.TRACING);
        // Probes and tooling, not traffic, as in the request log.
        setExcludeMethods(new ArrayList<>(List.of("grpc.health.v1.Health/*", "grpc.reflection.v1.ServerReflection/*",
                "grpc.reflection.v1alpha.ServerReflection/*")));
    }
}
