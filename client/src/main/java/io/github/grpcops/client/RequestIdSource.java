package io.github.grpcops.client;

/**
 * Where {@link RequestIdClientInterceptor} finds the request id of the server call the current thread
 * serves, so the calls it makes carry that id on. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.github.grpcops.client.RequestIdSource});
 * grpc-ops' server side registers one reading {@code GrpcRequestId.current()}, so this module needs
 * nothing of the server's.
 */
public interface RequestIdSource {

    /** The request id of the call being served, or {@code null} outside one. */
    String current();
}
