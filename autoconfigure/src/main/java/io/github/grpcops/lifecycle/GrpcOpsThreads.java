package io.github.grpcops.lifecycle;

import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Names every thread grpc-ops starts {@code grpc-ops-<what>-<n>}, so a thread dump says whose it is.
 * They are daemon threads: each is stopped by its owner's lifecycle, and none may keep a JVM alive.
 */
public final class GrpcOpsThreads {

    /** What every grpc-ops thread name starts with. */
    public static final String PREFIX = "grpc-ops-";

    private GrpcOpsThreads() {
    }

    /** Threads named {@code grpc-ops-<what>-1}, {@code -2}, … */
    public static ThreadFactory named(String what) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(PREFIX + what + "-");
        threads.setDaemon(true);
        return threads;
    }
}
