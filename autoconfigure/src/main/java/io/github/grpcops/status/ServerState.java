package io.github.grpcops.status;

import java.util.Locale;

/** What a server instance says of itself in its status row. */
public enum ServerState {

    STARTING, RUNNING, STOPPING, STOPPED, ERROR;

    /** The value stored in the {@code status} column. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the instance is expected to keep sending heartbeats in this state. */
    public boolean alive() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
