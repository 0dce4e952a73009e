package io.github.grpcops.server;

import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link Http2LimitsProperties} to grpc-java's Netty server builder (grpc-netty-shaded, the
 * transport the server integration builds by default): concurrent streams per connection and the
 * RST_STREAM rate. Another transport (the in-process one, unshaded grpc-netty) has no such settings:
 * the limits are not applied there, which is said once at startup.
 */
class Http2Limits implements ServerBuilderCustomizer {

    private static final Logger log = LoggerFactory.getLogger(Http2Limits.class);

    private final Http2LimitsProperties limits;

    public Http2Limits(Http2LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public void customize(ServerBuilder<?> builder) {
        if (!(builder instanceof NettyServerBuilder netty)) {
            log.info("grpc.limits.* not applied: the gRPC server is built by {}, not grpc-netty-shaded's "
                    + "NettyServerBuilder", builder.getClass().getName());
            return;
        }
        netty.maxConcurrentCallsPerConnection(this.limits.getMaxConcurrentCallsPerConnection());
        if (this.limits.getMaxRstFramesPerWindow() > 0) {
            netty.maxRstFramesPerWindow(this.limits.getMaxRstFramesPerWindow(),
                    (int) Math.min(Integer.MAX_VALUE, this.limits.getRstFramesWindow().toSeconds()));
        }
    }
}
