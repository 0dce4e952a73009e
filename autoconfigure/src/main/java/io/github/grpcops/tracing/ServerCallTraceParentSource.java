package io.github.grpcops.tracing;

import io.github.grpcops.client.TraceParentSource;
import io.github.grpcops.pipeline.CallAttributes;

/**
 * Hands the trace of the call being served to grpc-ops-client's {@code TraceParentClientInterceptor},
 * which finds this class through {@code META-INF/services}, so calls made while serving one carry its
 * span as their parent: the server span, or without a tracer the caller's span as it came.
 */
public class ServerCallTraceParentSource implements TraceParentSource {

    @Override
    public String current() {
        CallAttributes attributes = CallAttributes.current();
        if (attributes == null || attributes.traceId() == null) {
            return null;
        }
        return TraceParent.format(attributes.traceId(), attributes.spanId(), attributes.isTraceSampled());
    }
}
