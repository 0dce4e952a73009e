package io.github.grpcops.client;

/**
 * Where {@link TraceParentClientInterceptor} finds the W3C {@code traceparent} of the work the current
 * thread does (the server call it serves, say), so the calls it makes continue that trace.
 * Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.github.grpcops.client.TraceParentSource}); grpc-ops' server side registers
 * one reading the trace of the call being served, so this module needs neither the server nor a tracing
 * library.
 */
public interface TraceParentSource {

    /** The {@code traceparent} to send, or {@code null} when there is none. */
    String current();
}
