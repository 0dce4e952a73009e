package io.github.grpcops.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-connection HTTP/2 limits of the gRPC server that its integration has no property for:
 * {@code grpc.limits.*}. Keepalive enforcement, connection age and the header list size keep their
 * integration's properties ({@code grpc.server.permit-keep-alive-time}, {@code max-connection-age},
 * {@code max-inbound-metadata-size}); the pipeline guide lists every limit and its default.
 */
@ConfigurationProperties("grpc.limits")
public class Http2LimitsProperties {

    /**
     * Most calls (HTTP/2 streams) one connection may have open at once, advertised to clients as
     * SETTINGS_MAX_CONCURRENT_STREAMS: grpc-java, grpc-go and grpc-js clients queue further calls until one ends;
     * a client that opens more anyway gets those streams refused (REFUSED_STREAM).
     */
    private int maxConcurrentCallsPerConnection = 1000;

    /**
     * Most RST_STREAM frames a client may send on one connection per rst-frames-window before the connection is
     * closed with GOAWAY (ENHANCE_YOUR_CALM), the defence against HTTP/2 rapid reset; 0 switches it off.
     */
    private int maxRstFramesPerWindow = 1000;

    /** Window over which RST_STREAM frames are counted, in whole seconds (at least one). */
    private Duration rstFramesWindow = Duration.ofSeconds(10);

    public int getMaxConcurrentCallsPerConnection() {
        return this.maxConcurrentCallsPerConnection;
    }

    public void setMaxConcurrentCallsPerConnection(int maxConcurrentCallsPerConnection) {
        if (maxConcurrentCallsPerConnection < 1) {
            throw new IllegalArgumentException("grpc.limits.max-concurrent-calls-per-connection must be at least 1, was "
                    + maxConcurrentCallsPerConnection);
        }
        this.maxConcurrentCallsPerConnection = maxConcurrentCallsPerConnection;
    }

    public int getMaxRstFramesPerWindow() {
        return this.maxRstFramesPerWindow;
    }

    public void setMaxRstFramesPerWindow(int maxRstFramesPerWindow) {
        if (maxRstFramesPerWindow < 0) {
            throw new IllegalArgumentException(
                    "grpc.limits.max-rst-frames-per-window must be 0 (off) or more, was " + maxRstFramesPerWindow);
        }
        this.maxRstFramesPerWindow = maxRstFramesPerWindow;
    }

    public Duration getRstFramesWindow() {
        return this.rstFramesWindow;
    }

    public void setRstFramesWindow(Duration rstFramesWindow) {
        if (rstFramesWindow == null || rstFramesWindow.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "grpc.limits.rst-frames-window must be at least one second, was " + rstFramesWindow);
        }
        this.rstFramesWindow = rstFramesWindow;
    }
}
