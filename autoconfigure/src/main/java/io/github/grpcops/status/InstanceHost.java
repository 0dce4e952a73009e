package io.github.grpcops.status;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name for instance ids: {@code HOSTNAME} (containers set it), else the resolver's answer. */
final class InstanceHost {

    private InstanceHost() {
    }

    static String name() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "localhost";
        }
    }
}
