package io.github.grpcops.client;

/** The server could not be reached (nothing listening, wrong TLS setting, network down). */
public class ServerUnreachableException extends DynamicClientException {

    public ServerUnreachableException(String target, Throwable cause) {
        super("Cannot reach the gRPC server at " + target + ": " + cause.getMessage()
                + " (is it running, and is the client's plaintext/TLS setting the server's?)", cause);
    }
}
