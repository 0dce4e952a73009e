package io.github.grpcops.requestid;

import io.github.grpcops.pipeline.InterceptorProperties;
import io.github.grpcops.pipeline.PipelineOrder;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request-id propagation: {@code grpc.request-id.*}.
 */
@ConfigurationProperties("grpc.request-id")
public class RequestIdProperties extends InterceptorProperties {

    public RequestIdProperties() {
        super(PipelineOrder.REQUEST_ID);
    }
}
