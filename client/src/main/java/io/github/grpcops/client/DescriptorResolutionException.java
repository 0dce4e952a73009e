package io.github.grpcops.client;

/**
 * The proto files reflection returned cannot be assembled into descriptors: a file the service needs
 * is missing from the server's reflection, or the files contradict each other.
 */
public class DescriptorResolutionException extends DynamicClientException {

    public DescriptorResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
